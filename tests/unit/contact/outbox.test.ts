import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { config } from '../../../netlify/functions/contact/index.ts';
import { LOCATIONS, PRACTICE, STUDIO_ENV, SUBMISSION_ID, VALID_INQUIRY, formRequest, jsonRequest, useContactFunction } from './fixtures.ts';

/** How the function is configured, and the local outbox it writes to when run without a Resend key. */

const { post, lines, logs, standIn } = useContactFunction();
let outbox: string;

beforeEach(async () => {
  outbox = await mkdtemp(join(tmpdir(), 'outbox-'));
  for (const name of ['RESEND_API_KEY', 'RESEND_BASE_URL', 'CONTACT_TO', 'CONTACT_FROM']) vi.stubEnv(name, undefined);
  vi.stubEnv('CONTACT_OUTBOX_DIR', outbox);
  return () => rm(outbox, { recursive: true, force: true });
});

/** The outbox's emails, oldest first. */
const emlFiles = async () => (await readdir(outbox)).filter((name) => name.endsWith('.eml')).sort().map((name) => join(outbox, name));
const readEml = async () => Promise.all((await emlFiles()).map((path) => readFile(path, 'utf8')));

test('is configured for /api/contact, every method (anything but POST is answered 405), with a per-IP rate limit', () => {
  expect(config).toEqual({ path: '/api/contact', rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] } });
});

describe('locally (Netlify\'s dev context, or none) without RESEND_API_KEY: the outbox', () => {
  test.each(['dev', null])('context %s: written as an .eml named by its time, answered as sent, and the log says where', async (context) => {
    const response = await post(formRequest({ ...VALID_INQUIRY }), context);
    expect(response.status).toBe(303);
    const [file, ...others] = await emlFiles();
    expect(others).toEqual([]);
    expect(file).toMatch(/\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-f]{16}\.eml$/);
    const eml = await readFile(file!, 'utf8');
    // To the studio's address in settings.json while CONTACT_TO is unset.
    expect(eml).toMatch(/^Date: .*\nFrom: Website contact form <website@example.com>\nTo: hello@example.com\nReply-To: test@example.com\nSubject: Website inquiry from Test Parent \(In your home\)\nIdempotency-Key: contact-[0-9a-f]{64}\nX-Tags: source=website-contact; setting=in-home\nMIME-Version: 1.0\n/);
    expect(eml).toMatch(/Content-Type: multipart\/alternative; boundary="([^"]+)"\n\n--\1\nContent-Type: text\/plain; charset=utf-8\n[^]*--\1\nContent-Type: text\/html; charset=utf-8\n[^]*--\1--\n$/);
    expect(eml).toContain('We would like to hear about sessions for our son.');
    expect(eml).toContain(`the ${PRACTICE.name} website`);
    expect(lines()).toContain(`[contact] No RESEND_API_KEY, so no email was sent: the inquiry is saved in ${file}`);
    expect(lines().join('\n')).not.toMatch(/test@example\.com|Test Parent/);
  });

  test('with a key, Resend is used in dev as well', async () => {
    for (const [name, value] of Object.entries({ ...STUDIO_ENV, RESEND_BASE_URL: standIn().url })) vi.stubEnv(name, value);
    expect((await post(formRequest({ ...VALID_INQUIRY }), 'dev')).status).toBe(303);
    expect(standIn().deliveries).toHaveLength(1);
    expect(await emlFiles()).toEqual([]);
  });

  test('a double submit writes one file, and the log says the second wrote nothing', async () => {
    const body = { ...VALID_INQUIRY, submissionId: SUBMISSION_ID };
    expect((await post(jsonRequest(body), 'dev')).status).toBe(200);
    expect((await post(jsonRequest(body), 'dev')).status).toBe(200);
    const [saved, ...others] = await emlFiles();
    expect(others).toEqual([]);
    expect(logs()).toMatchObject([{ outcome: 'sent', savedTo: saved }, { outcome: 'sent', duplicate: true, savedTo: saved }]);
    expect(lines()).toContain(`[contact] Already saved in ${saved}: the same inquiry was sent again, and nothing new was written.`);
  });

  test('copies posted at the same moment still make one file; a deleted file is written again', async () => {
    const responses = await Promise.all([1, 2, 3].map(() => post(formRequest({ ...VALID_INQUIRY }), 'dev')));
    expect(responses.map((response) => response.status)).toEqual([303, 303, 303]);
    const [first, ...others] = await emlFiles();
    expect(others).toEqual([]);
    await rm(first!);
    expect((await post(formRequest({ ...VALID_INQUIRY }), 'dev')).status).toBe(303);
    expect(await emlFiles()).toHaveLength(1);
  });

  test('every location is a setting the function accepts, named as the form names it', async () => {
    for (const { value } of LOCATIONS) expect((await post(formRequest({ ...VALID_INQUIRY, setting: value }), 'dev')).status, value).toBe(303);
    const subjects = (await readEml()).map((eml) => /^Subject: (.*)$/m.exec(eml)?.[1]).sort();
    expect(subjects).toEqual(LOCATIONS.map(({ label }) => `Website inquiry from Test Parent (${label})`).sort());
  });

  test('a subject that is not ASCII is written as RFC 2047 encoded words, which mail clients decode', async () => {
    await post(formRequest({ ...VALID_INQUIRY, name: 'Zoë Ångström 日本語のテキストがここに入ります', setting: 'studio' }), 'dev');
    const [eml = ''] = await readEml();
    const words = /^Subject: (.*(?:\n .*)*)$/m.exec(eml)?.[1]?.split('\n ') ?? [];
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    expect(Math.max(...words.map((word) => word.length))).toBeLessThanOrEqual(75);
    const subject = words.map((word) => Buffer.from(word.slice(10, -2), 'base64').toString('utf8')).join('');
    expect(subject).toBe('Website inquiry from Zoë Ångström 日本語のテキストがここに入ります (At our studio in Lehi)');
  });

  test('a message that types out a MIME boundary cannot split the email into more parts', async () => {
    await post(formRequest({ ...VALID_INQUIRY }), 'dev');
    const [plain = ''] = await readEml();
    const typed = /boundary="([^"]+)"/.exec(plain)?.[1];
    await post(formRequest({ ...VALID_INQUIRY, message: `Hello\n--${typed}\nContent-Type: text/html\n\n<b>x</b>` }), 'dev');
    const hostile = (await readEml()).find((eml) => eml !== plain) ?? '';
    const boundary = /boundary="([^"]+)"/.exec(hostile)?.[1];
    expect(boundary).not.toBe(typed);
    expect(hostile.split(`--${boundary}`)).toHaveLength(4);
  });

  test('a folder it cannot write to: 503 "NOT sent", never a false success', async () => {
    const blocker = join(outbox, 'a-file');
    await writeFile(blocker, 'not a folder');
    vi.stubEnv('CONTACT_OUTBOX_DIR', join(blocker, 'outbox'));
    const response = await post(jsonRequest({ ...VALID_INQUIRY }), 'dev');
    expect(response.status).toBe(503);
    expect((await response.json()).message).toContain('NOT sent');
  });

  test('a set but malformed address is still a problem (the developer should know)', async () => {
    vi.stubEnv('CONTACT_TO', 'nope');
    expect((await post(jsonRequest({ ...VALID_INQUIRY }), 'dev')).status).toBe(503);
    expect(await readdir(outbox)).toEqual([]);
  });
});

describe('deployed, the configuration must be complete', () => {
  test.each(['production', 'deploy-preview', 'branch-deploy'])('%s with no keys: 503 with the phone number, nothing secret, nothing written', async (context) => {
    vi.stubEnv('CONTACT_FROM', 'Website <website@example.com>');
    const response = await post(jsonRequest({ ...VALID_INQUIRY }), context);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ok: false,
      message: `Sorry, your inquiry was NOT sent because our contact form is not working right now. Please call us at ${PRACTICE.phone}.`,
      phone: PRACTICE.phone,
    });
    expect(await readdir(outbox)).toEqual([]);
    expect(logs()).toEqual([expect.objectContaining({ outcome: 'misconfigured', status: 503, problems: ['RESEND_API_KEY is missing', 'CONTACT_TO is missing'] })]);
    expect(lines().join('\n')).not.toContain('website@example.com');
  });

  test.each([
    ['RESEND_API_KEY', { RESEND_API_KEY: 'sk_live_secretvalue123' }, 'RESEND_API_KEY must be a Resend API key, starting with re_'],
    ['CONTACT_TO', { CONTACT_TO: 'studio-at-example.com' }, 'CONTACT_TO must be one or more email addresses separated by commas'],
    ['CONTACT_TO', { CONTACT_TO: ' , ' }, 'CONTACT_TO must be one or more email addresses separated by commas'],
    ['CONTACT_FROM', { CONTACT_FROM: 'Website <website@example.com>\r\nBcc: victim@example.com' }, 'CONTACT_FROM must be an address'],
    ['CONTACT_FROM', { CONTACT_FROM: 'Website <not-an-address>' }, 'CONTACT_FROM must be an address'],
    ['RESEND_BASE_URL', { RESEND_BASE_URL: 'ftp://example.com' }, 'RESEND_BASE_URL must be an http(s) URL'],
    ['a blank RESEND_API_KEY', { RESEND_API_KEY: '  ' }, 'RESEND_API_KEY is missing'],
  ])('a malformed %s: 503, and the log names the variable, never its value', async (_label, override, problem) => {
    for (const [name, value] of Object.entries({ ...STUDIO_ENV, ...override })) vi.stubEnv(name, value);
    const response = await post(formRequest({ ...VALID_INQUIRY }));
    expect(response.status).toBe(503);
    expect(logs()).toEqual([expect.objectContaining({ outcome: 'misconfigured', problems: [expect.stringContaining(problem)] })]);
    for (const value of Object.values(override)) if (value.trim().length > 3) expect(lines().join('\n') + (await response.text())).not.toContain(value.trim());
  });

  test('several studio inboxes, and a sender with a name, are read as written', async () => {
    for (const [name, value] of Object.entries({ ...STUDIO_ENV, RESEND_BASE_URL: standIn().url, CONTACT_TO: 'studio@example.com, owner@example.com', CONTACT_FROM: ' Website <website@example.com> ' })) vi.stubEnv(name, value);
    expect((await post(formRequest({ ...VALID_INQUIRY }))).status).toBe(303);
    expect(standIn().deliveries[0]?.email).toMatchObject({ from: 'Website <website@example.com>', to: ['studio@example.com', 'owner@example.com'] });
  });
});
