import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '@netlify/functions';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import contact, { config } from '../../../netlify/functions/contact/index.ts';
import { LOCATIONS, VALID_INQUIRY, formRequest, jsonRequest } from './fixtures.ts';

/** The real entry file, as Netlify and the local server call it: no injected parts. */

const CONFIG_VARIABLES = ['RESEND_API_KEY', 'RESEND_BASE_URL', 'CONTACT_TO', 'CONTACT_FROM', 'CONTACT_OUTBOX_DIR'];
/** What Netlify's local runtime passes (`npm start`, `npm run serve`). */
const context = { deploy: { context: 'dev' } } as Context;
let outbox: string;
let logLines: string[];

beforeEach(async () => {
  outbox = await mkdtemp(join(tmpdir(), 'contact-function-'));
  for (const name of CONFIG_VARIABLES) vi.stubEnv(name, undefined);
  vi.stubEnv('CONTACT_OUTBOX_DIR', outbox);
  logLines = [];
  const capture = (...args: unknown[]) => {
    logLines.push(args.map(String).join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
});

/** The outbox's emails, oldest first. */
async function outboxFiles(): Promise<string[]> {
  return (await readdir(outbox)).filter((name) => name.endsWith('.eml')).sort().map((name) => join(outbox, name));
}

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(outbox, { recursive: true, force: true });
});

test('is configured for /api/contact, every method (anything but POST is answered 405), with a per-IP rate limit', () => {
  expect(config).toEqual({
    path: '/api/contact',
    rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
  });
  // A single string here is silently read as ['domain'] by Netlify: one limit for the whole site.
  expect(Array.isArray(config.rateLimit?.aggregateBy)).toBe(true);
});

test('locally, with no RESEND_API_KEY, an inquiry is written to the outbox, named by its time, and answered as sent', async () => {
  const response = await contact(formRequest({ ...VALID_INQUIRY }), context);
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/contact/thanks/');

  const files = await outboxFiles();
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-f]{16}\.eml$/);
  const eml = await readFile(files[0] ?? '', 'utf8');
  // To the site's own example inbox (settings.json) while CONTACT_TO is unset.
  expect(eml).toContain('To: hello@example.com\n');
  expect(eml).toContain('Reply-To: test@example.com');
  expect(eml).toContain('Subject: Website inquiry from Test Parent (In your home)');
  expect(eml).toContain('We would like to hear about sessions for our son.');
  // The settings file is the source of the practice name.
  expect(eml).toContain('the Pure Progression Music Therapy website');

  // The log says where, in words too, and nothing the visitor typed.
  const line = logLines.join('\n');
  expect(logLines).toContain(`[contact] No RESEND_API_KEY, so no email was sent: the inquiry is saved in ${files[0]}`);
  expect(line).not.toContain('test@example.com');
  expect(line).not.toContain('Test Parent');
});

test('the outbox keeps a double submit to one file, and the log says the second wrote nothing', async () => {
  const body = { ...VALID_INQUIRY, submissionId: '0b3a6f2e-8a51-4c1e-9d3f-6a2b1c0d9e8f' };
  expect((await contact(jsonRequest(body), context)).status).toBe(200);
  expect((await contact(jsonRequest(body), context)).status).toBe(200);
  const [saved = '', ...others] = await outboxFiles();
  expect(others).toEqual([]);
  expect(logLines.filter((line) => line.includes(saved))).toEqual([
    expect.stringMatching(/"outcome":"sent".*"savedTo"/),
    `[contact] No RESEND_API_KEY, so no email was sent: the inquiry is saved in ${saved}`,
    expect.stringMatching(/"outcome":"sent".*"duplicate":true.*"savedTo"/),
    `[contact] Already saved in ${saved}: the same inquiry was sent again, and nothing new was written.`,
  ]);
});

test('every file in src/content/locations is a setting the function accepts, named as the form names it', async () => {
  for (const { value } of LOCATIONS) {
    const response = await contact(formRequest({ ...VALID_INQUIRY, setting: value, message: `Which setting: ${value}` }), context);
    expect(response.status, value).toBe(303);
  }
  const emails = await Promise.all((await outboxFiles()).map((path) => readFile(path, 'utf8')));
  const subjects = emails.map((eml) => /^Subject: (.*)$/m.exec(eml)?.[1]).sort();
  expect(subjects).toEqual(LOCATIONS.map(({ label }) => `Website inquiry from Test Parent (${label})`).sort());
});

test.each([
  ['production', 'production'],
  ['a deploy preview', 'deploy-preview'],
  ['a branch deploy', 'branch-deploy'],
])('deployed (%s) with no keys: 503 with the phone number, nothing secret, nothing written', async (_label, deployContext) => {
  vi.stubEnv('CONTACT_FROM', 'Website <website@example.com>');
  const response = await contact(jsonRequest({ ...VALID_INQUIRY }), { deploy: { context: deployContext } } as unknown as Context);
  expect(response.status).toBe(503);
  const body = await response.json();
  expect(body).toEqual({
    ok: false,
    message: 'Sorry, your inquiry was NOT sent because our contact form is not working right now. Please call us at (801) 555-0142.',
    phone: '(801) 555-0142',
  });
  expect(JSON.stringify(body)).not.toMatch(/RESEND|CONTACT_|re_/);
  expect(await readdir(outbox)).toEqual([]);
  // One log line names the missing variables, and only them.
  expect(logLines).toHaveLength(1);
  expect(logLines[0]).toContain('RESEND_API_KEY is missing');
  expect(logLines[0]).toContain('CONTACT_TO is missing');
  expect(logLines[0]).not.toContain('website@example.com');
});

test('deployed with a malformed key: 503, and the log names the variable but never its value', async () => {
  vi.stubEnv('RESEND_API_KEY', 'sk_this_is_secret_value');
  vi.stubEnv('CONTACT_TO', 'studio@example.com');
  vi.stubEnv('CONTACT_FROM', 'website@example.com');
  const response = await contact(formRequest({ ...VALID_INQUIRY }), { deploy: { context: 'production' } } as Context);
  expect(response.status).toBe(503);
  expect(await response.text()).not.toContain('sk_this_is_secret_value');
  expect(logLines.join('\n')).toContain('RESEND_API_KEY must be a Resend API key');
  expect(logLines.join('\n')).not.toContain('sk_this_is_secret_value');
});
