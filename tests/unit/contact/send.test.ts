import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateEmailOptions, CreateEmailResponse } from 'resend';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { classify, mailFrom, retryAfterMs, saveToOutbox, sendWithResend } from '../../../netlify/functions/contact/send.ts';
import type { Pace } from '../../../netlify/functions/contact/send.ts';
import { FIXED_NOW, OUTGOING_EMAIL as EMAIL } from './fixtures.ts';

/** How an inquiry leaves: the configuration and the one choice, Resend's retries, the local outbox. */

/** An idempotency key as the function makes them. */
const KEY = 'contact-0b3a6f2e-8a51-4c1e-9d3f-6a2b1c0d9e8f';

const envOf = (values: Record<string, string>) => (name: string) => values[name];
const KEY_VALUE = 're_test_0123456789abcdef';

describe('mailFrom, per request', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('with a key: Resend, from the studio sender to the studio inboxes', () => {
    const env = envOf({ RESEND_API_KEY: KEY_VALUE, CONTACT_TO: 'studio@example.com, owner@example.com', CONTACT_FROM: ' Website <website@example.com> ' });
    expect(mailFrom(env, 'production')).toEqual({ ok: true, via: 'resend', apiKey: KEY_VALUE, from: 'Website <website@example.com>', to: ['studio@example.com', 'owner@example.com'] });
  });

  test("locally without a key: the outbox in .outbox/ of the folder it runs in, to the site's example inbox", async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'outbox-cwd-'));
    vi.spyOn(process, 'cwd').mockReturnValue(cwd);
    expect(mailFrom(envOf({}), 'dev')).toEqual({ ok: true, via: 'outbox', dir: join(cwd, '.outbox'), from: 'Website contact form <website@example.com>', to: ['hello@example.com'] });
    await rm(cwd, { recursive: true, force: true });
  });

  test.each(['production', 'deploy-preview', 'branch-deploy'])('deployed (%s) without configuration: every missing variable named', (context) => {
    expect(mailFrom(envOf({}), context)).toEqual({ ok: false, problems: ['RESEND_API_KEY is missing', 'CONTACT_TO is missing', 'CONTACT_FROM is missing'] });
  });

  test('a blank variable counts as missing', () => {
    const env = envOf({ RESEND_API_KEY: '  ', CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'website@example.com' });
    expect(mailFrom(env, 'production')).toEqual({ ok: false, problems: ['RESEND_API_KEY is missing'] });
  });

  test.each([
    ['RESEND_API_KEY', { RESEND_API_KEY: 'sk_live_secretvalue123' }],
    ['CONTACT_TO', { CONTACT_TO: 'studio-at-example.com' }],
    ['CONTACT_TO', { CONTACT_TO: ' , ' }],
    ['CONTACT_FROM', { CONTACT_FROM: 'Website <website@example.com>\r\nBcc: victim@example.com' }],
    ['CONTACT_FROM', { CONTACT_FROM: 'Website <not-an-address>' }],
    ['RESEND_BASE_URL', { RESEND_BASE_URL: 'ftp://example.com' }],
  ])('a malformed %s is named, and its value never appears', (name, override) => {
    const values = { RESEND_API_KEY: KEY_VALUE, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'website@example.com', ...override };
    const mail = mailFrom(envOf(values), 'production');
    expect(mail.ok).toBe(false);
    if (mail.ok) return;
    expect(mail.problems).toHaveLength(1);
    expect(mail.problems[0]).toMatch(new RegExp(`^${name} `));
    const text = JSON.stringify(mail);
    for (const value of Object.values(override)) if (value.trim().length > 3) expect(text).not.toContain(value.trim());
  });

  test('locally, a set but malformed address is still a problem (the developer should know)', () => {
    expect(mailFrom(envOf({ CONTACT_TO: 'nope' }), 'dev')).toMatchObject({ ok: false });
  });
});

const ok = (id = 'email-1'): CreateEmailResponse => ({ data: { id }, error: null, headers: {} });
const fail = (statusCode: number | null, name: string, headers: Record<string, string> | null = {}): CreateEmailResponse =>
  ({ data: null, error: { statusCode, name, message: 'test' }, headers }) as CreateEmailResponse;

type Step = CreateEmailResponse | 'throw' | 'hang' | (() => CreateEmailResponse);

/** `sendWithResend` over a fake `emails.send` playing the given steps in order, recording every call; waits are skipped. */
function transportWith(steps: Step[], pace: Pace = {}) {
  const calls: { payload: CreateEmailOptions; options: { idempotencyKey: string; signal: AbortSignal } }[] = [];
  const sleeps: number[] = [];
  const fakeSend = (payload: CreateEmailOptions, options: { idempotencyKey: string; signal: AbortSignal }): Promise<CreateEmailResponse> => {
    calls.push({ payload, options });
    const step = steps.shift() ?? ok();
    if (step === 'throw') throw new Error('SDK bug');
    if (step === 'hang') return new Promise(() => {});
    return Promise.resolve(typeof step === 'function' ? step() : step);
  };
  const skipWaits = async (ms: number) => {
    sleeps.push(ms);
  };
  const transport = { send: (email: typeof EMAIL, key: string) => sendWithResend(fakeSend, email, key, { sleep: skipWaits, attemptTimeoutMs: 50, ...pace }) };
  return { transport, calls, sleeps };
}

describe('classify', () => {
  const NOW = Date.parse('2026-11-27T10:00:00Z');
  test.each([
    ['200 with an id', ok('abc'), { kind: 'sent', id: 'abc' }],
    ['200 without an id', { data: {}, error: null, headers: {} } as unknown as CreateEmailResponse, { kind: 'retry', detail: 'no-id', unanswered: true }],
    ['200 with an empty id', ok(''), { kind: 'retry', detail: 'no-id', unanswered: true }],
    ['no answer at all', undefined, { kind: 'retry', detail: 'no-id', unanswered: true }],
    ['refused connection / abort / broken body', fail(null, 'application_error'), { kind: 'retry', detail: 'application_error no-status', unanswered: true }],
    ['429 with Retry-After', fail(429, 'rate_limit_exceeded', { 'retry-after': '2' }), { kind: 'retry', detail: 'rate_limit_exceeded 429', retryAfterMs: 2000 }],
    ['429 without Retry-After', fail(429, 'rate_limit_exceeded', null), { kind: 'retry', detail: 'rate_limit_exceeded 429' }],
    ['429 daily quota', fail(429, 'daily_quota_exceeded'), { kind: 'stop', failure: 'unavailable', detail: 'daily_quota_exceeded 429' }],
    ['500', fail(500, 'internal_server_error'), { kind: 'retry', detail: 'internal_server_error 500' }],
    ['503', fail(503, 'application_error'), { kind: 'retry', detail: 'application_error 503' }],
    ['409 same key, other payload', fail(409, 'invalid_idempotent_request'), { kind: 'stop', failure: 'conflict', detail: 'invalid_idempotent_request 409' }],
    ['409 same key still in progress', fail(409, 'concurrent_idempotent_requests'), { kind: 'in-flight' }],
    ['401 bad key', fail(401, 'missing_api_key'), { kind: 'stop', failure: 'refused', detail: 'missing_api_key 401' }],
    ['403 unverified domain', fail(403, 'invalid_from_address'), { kind: 'stop', failure: 'refused', detail: 'invalid_from_address 403' }],
    ['422 validation', fail(422, 'validation_error'), { kind: 'stop', failure: 'refused', detail: 'validation_error 422' }],
  ])('%s', (_label, answer, expected) => {
    expect(classify(answer, NOW)).toEqual(expected);
  });
});

describe('retryAfterMs', () => {
  const NOW = Date.parse('2026-11-27T10:00:00Z');
  test.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': 'Fri, 27 Nov 2026 10:00:04 GMT' }, 4000],
    [{ 'retry-after': 'Fri, 27 Nov 2026 09:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
    [null, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(retryAfterMs(headers, NOW)).toBe(expected);
  });
});

describe('sendWithResend', () => {
  test('sends the rendered email with the idempotency key and an abort signal', async () => {
    const { transport, calls } = transportWith([ok('email-42')]);
    expect(await transport.send(EMAIL, KEY)).toEqual({ ok: true, messageId: 'email-42', attempts: 1 });
    expect(calls).toHaveLength(1);
    // Every field of the rendered email, as it is: nothing added, nothing left out.
    expect(calls[0]?.payload).toEqual({ ...EMAIL });
    expect(calls[0]?.options?.idempotencyKey).toBe(KEY);
    expect(calls[0]?.options?.signal).toBeInstanceOf(AbortSignal);
  });

  test('retries a rate limit after Retry-After, with the same key', async () => {
    const { transport, calls, sleeps } = transportWith([fail(429, 'rate_limit_exceeded', { 'retry-after': '1' }), ok()]);
    expect(await transport.send(EMAIL, KEY)).toMatchObject({ ok: true, attempts: 2 });
    expect(sleeps).toEqual([1000]);
    expect(calls.map((call) => call.options?.idempotencyKey)).toEqual([KEY, KEY]);
  });

  test('caps a long Retry-After', async () => {
    const { transport, sleeps } = transportWith([fail(429, 'rate_limit_exceeded', { 'retry-after': '120' }), ok()]);
    await transport.send(EMAIL, KEY);
    expect(sleeps).toEqual([2000]);
  });

  test('backs off exponentially and gives up after three attempts: unavailable', async () => {
    const { transport, calls, sleeps } = transportWith([fail(500, 'internal_server_error'), fail(502, 'application_error'), fail(500, 'internal_server_error')]);
    expect(await transport.send(EMAIL, KEY)).toEqual({ ok: false, failure: 'unavailable', attempts: 3, detail: 'internal_server_error 500' });
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([400, 800]);
    expect(new Set(calls.map((call) => call.options?.idempotencyKey))).toEqual(new Set([KEY]));
  });

  test.each([
    ['422', fail(422, 'validation_error'), 'refused'],
    ['403', fail(403, 'invalid_from_address'), 'refused'],
    ['409 conflict', fail(409, 'invalid_idempotent_request'), 'conflict'],
    ['quota', fail(429, 'monthly_quota_exceeded'), 'unavailable'],
  ])('does not retry %s', async (_label, answer, failure) => {
    const { transport, calls } = transportWith([answer]);
    expect(await transport.send(EMAIL, KEY)).toMatchObject({ ok: false, failure, attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  test('a throwing SDK is a failed attempt, not a crash', async () => {
    const { transport } = transportWith(['throw', ok('after-throw')]);
    expect(await transport.send(EMAIL, KEY)).toEqual({ ok: true, messageId: 'after-throw', attempts: 2 });
  });

  test('a hung request is abandoned after the attempt timeout and its signal aborted', async () => {
    const { transport, calls } = transportWith(['hang', 'hang', 'hang'], { attemptTimeoutMs: 20 });
    const started = Date.now();
    expect(await transport.send(EMAIL, KEY)).toEqual({ ok: false, failure: 'unavailable', attempts: 3, detail: 'timeout' }); // the fake sends nothing over the network
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls.every((call) => call.options?.signal?.aborted)).toBe(true);
  });

  test('a hang then success is sent on the second attempt', async () => {
    const { transport } = transportWith(['hang', ok('second')], { attemptTimeoutMs: 20 });
    expect(await transport.send(EMAIL, KEY)).toEqual({ ok: true, messageId: 'second', attempts: 2 });
  });

  test('never answers success without an id', async () => {
    const noId = { data: {}, error: null, headers: {} } as unknown as CreateEmailResponse;
    const { transport } = transportWith([noId, noId, noId]);
    expect(await transport.send(EMAIL, KEY)).toMatchObject({ ok: false, failure: 'unavailable', attempts: 3 });
  });

  test('a key in flight is asked again, not counted as a failure, until its first request is answered', async () => {
    const busy = fail(409, 'concurrent_idempotent_requests');
    const { transport, sleeps } = transportWith([busy, busy, busy, busy, ok('first-answer')]);
    expect(await transport.send(EMAIL, KEY)).toEqual({ ok: true, messageId: 'first-answer', attempts: 5 });
    expect(sleeps).toEqual([500, 500, 500, 500]);
  });

  test('a key still in flight when the time is up: unconfirmed, never "unavailable"', async () => {
    const busy = () => fail(409, 'concurrent_idempotent_requests');
    const { transport } = transportWith(Array.from({ length: 1000 }, () => busy), { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / 50)), budgetMs: 300 });
    expect(await transport.send(EMAIL, KEY)).toMatchObject({ ok: false, failure: 'unconfirmed' });
  });

  test('stops when the overall time budget is spent, cutting the last attempt at what is left', async () => {
    const { transport, calls } = transportWith(['hang', 'hang', 'hang'], { attemptTimeoutMs: 4000, budgetMs: 100 });
    const started = Date.now();
    expect(await transport.send(EMAIL, KEY)).toMatchObject({ ok: false, attempts: 1, detail: 'timeout' });
    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('saveToOutbox', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const emlFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.eml'));

  test('writes one readable .eml file: headers, then the text and the HTML as alternatives', async () => {
    const outbox = { send: (email: typeof EMAIL, key: string) => saveToOutbox(dir, email, key, FIXED_NOW) };
    const result = await outbox.send(EMAIL, KEY);
    // The time first, so the newest inquiry is easy to find; then a hash of the key, so names stay unique.
    const file = '2026-11-27T10-00-00Z-f99fb270dbd6f69b.eml';
    expect(result).toEqual({ ok: true, messageId: file, attempts: 1, savedTo: join(dir, file) });
    expect(await readFile(join(dir, file), 'utf8')).toMatchInlineSnapshot(`
      "Date: Fri, 27 Nov 2026 10:00:00 GMT
      From: Website <website@example.com>
      To: studio@example.com, owner@example.com
      Reply-To: test@example.com
      Subject: Website inquiry from Test Parent (In your home)
      Idempotency-Key: contact-0b3a6f2e-8a51-4c1e-9d3f-6a2b1c0d9e8f
      X-Tags: source=website-contact; setting=in-home
      MIME-Version: 1.0
      Content-Type: multipart/alternative; boundary="=_outbox_656854d67a61608d77620c489eca05b4"

      --=_outbox_656854d67a61608d77620c489eca05b4
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: 8bit

      New inquiry

      Message:
      Hello there
      --=_outbox_656854d67a61608d77620c489eca05b4
      Content-Type: text/html; charset=utf-8
      Content-Transfer-Encoding: 8bit

      <p>Hello there</p>
      --=_outbox_656854d67a61608d77620c489eca05b4--
      "
    `);
  });

  test('text that looks like a MIME boundary cannot split the email into more parts', async () => {
    const outbox = { send: (email: typeof EMAIL, key: string) => saveToOutbox(dir, email, key, FIXED_NOW) };
    const boundaryOf = (eml: string) => /boundary="([^"]+)"/.exec(eml)?.[1] ?? 'none';
    const plain = await outbox.send(EMAIL, KEY);
    const typed = boundaryOf(await readFile(plain.ok ? (plain.savedTo ?? '') : '', 'utf8'));

    // A visitor types the boundary the plain email used: the new email gets another one.
    const hostile = await outbox.send({ ...EMAIL, text: `${EMAIL.text}\n--${typed}\nContent-Type: text/html\n` }, `${KEY}-2`);
    const eml = await readFile(hostile.ok ? (hostile.savedTo ?? '') : '', 'utf8');
    const boundary = boundaryOf(eml);
    expect(boundary).not.toBe(typed);
    expect(eml.split(`--${boundary}`)).toHaveLength(4); // headers, text part, HTML part, closing "--"
  });

  test('the same key and email are written once, and answered with the first file', async () => {
    let now = FIXED_NOW.getTime();
    const outbox = { send: (email: typeof EMAIL, key: string) => saveToOutbox(dir, email, key, new Date((now += 1000))) };
    const first = await outbox.send(EMAIL, KEY);
    const second = await outbox.send(EMAIL, KEY);
    expect(await emlFiles()).toHaveLength(1);
    expect(second).toMatchObject({ ok: true, duplicate: true, messageId: first.ok ? first.messageId : 'unreachable' });
  });

  test('a repeat post saves the email again when its file was deleted', async () => {
    const outbox = { send: (email: typeof EMAIL, key: string) => saveToOutbox(dir, email, key, FIXED_NOW) };
    const first = await outbox.send(EMAIL, KEY);
    await rm(first.ok ? (first.savedTo ?? '') : '');
    expect(await emlFiles()).toHaveLength(0);
    const again = await outbox.send(EMAIL, KEY);
    expect(again).toMatchObject({ ok: true, messageId: first.ok ? first.messageId : 'unreachable' });
    expect(again.ok && again.duplicate).toBeFalsy();
    expect(await emlFiles()).toHaveLength(1);
    expect(await outbox.send(EMAIL, KEY)).toMatchObject({ ok: true, duplicate: true });
  });

  test('concurrent sends with one key still write once', async () => {
    const outbox = { send: (email: typeof EMAIL, key: string) => saveToOutbox(dir, email, key, FIXED_NOW) };
    const results = await Promise.all([outbox.send(EMAIL, KEY), outbox.send(EMAIL, KEY), outbox.send(EMAIL, KEY)]);
    expect(await emlFiles()).toHaveLength(1);
    expect(results.filter((result) => result.ok && !result.duplicate)).toHaveLength(1);
  });

  test('any key becomes a safe file name', async () => {
    const result = await saveToOutbox(dir, EMAIL, '../../etc/passwd', FIXED_NOW);
    expect(result.ok && result.messageId).toMatch(/^2026-11-27T10-00-00Z-[0-9a-f]{16}\.eml$/);
  });

  test('a subject that is not ASCII is written as RFC 2047 encoded words, which mail clients decode', async () => {
    const subject = 'Website inquiry from Zoë Ångström (At our studio in Lehi) — 日本語のテキストがここに入ります';
    await saveToOutbox(dir, { ...EMAIL, subject }, KEY, FIXED_NOW);
    const [file] = await emlFiles();
    const eml = await readFile(join(dir, file ?? ''), 'utf8');
    const lines = /^Subject: (.*(?:\n .*)*)$/m.exec(eml)?.[1]?.split('\n ') ?? [];
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    expect(lines.map((line) => Buffer.from(line.slice(10, -2), 'base64').toString('utf8')).join('')).toBe(subject);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(75);
  });

  test('a folder it cannot write to is "unavailable", not a crash or a false success', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const outbox = { send: (email: typeof EMAIL, key: string) => saveToOutbox(join(blocker, 'outbox'), email, key, FIXED_NOW) };
    expect(await outbox.send(EMAIL, KEY)).toMatchObject({ ok: false, failure: 'unavailable' });
  });

  test('headers stay on one line even if a value slipped through with a line break', async () => {
    const outbox = { send: (email: typeof EMAIL, key: string) => saveToOutbox(dir, email, key, FIXED_NOW) };
    await outbox.send({ ...EMAIL, subject: 'Hi\r\nBcc: victim@example.com' }, KEY);
    const [file] = await emlFiles();
    const headerBlock = (await readFile(join(dir, file ?? ''), 'utf8')).split('\n\n')[0] ?? '';
    expect(headerBlock).toContain('Subject: Hi Bcc: victim@example.com');
    expect(headerBlock.split('\n').some((line) => line.startsWith('Bcc:'))).toBe(false);
  });
});
