import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateEmailOptions, CreateEmailRequestOptions, CreateEmailResponse } from 'resend';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  chooseDelivery,
  classifyResendAnswer,
  createOutboxTransport,
  createResendTransport,
  detectRuntime,
  platformEnv,
  retryAfterMs,
} from '../../../netlify/functions/contact/delivery.ts';
import { FIXED_NOW, OUTGOING_EMAIL as EMAIL } from './fixtures.ts';

/** How an inquiry leaves: the configuration, the Resend transport, the local outbox, and the choice between them. */

/** An idempotency key as the function makes them. */
const KEY = 'contact-0b3a6f2e-8a51-4c1e-9d3f-6a2b1c0d9e8f';

const envOf = (values: Record<string, string>) => (name: string) => values[name];
const KEY_VALUE = 're_test_0123456789abcdef';

describe('detectRuntime', () => {
  test.each([
    ['nothing set (npm start, vitest)', {}, undefined, 'local'],
    ['netlify dev', { NETLIFY_DEV: 'true', CONTEXT: 'dev' }, 'dev', 'local'],
    ['netlify dev pretending to be production', { NETLIFY_DEV: 'true', CONTEXT: 'production' }, undefined, 'local'],
    ['CONTEXT=dev', { CONTEXT: 'dev' }, undefined, 'local'],
    ['CONTEXT=production', { CONTEXT: 'production' }, undefined, 'deployed'],
    ['deploy preview', { CONTEXT: 'deploy-preview' }, undefined, 'deployed'],
    ['branch deploy', { CONTEXT: 'branch-deploy' }, undefined, 'deployed'],
    ['production from the request context, no CONTEXT variable', {}, 'production', 'deployed'],
    ['request context wins over the variable', { CONTEXT: 'dev' }, 'production', 'deployed'],
    ['inside Lambda with no context at all', { AWS_LAMBDA_FUNCTION_NAME: 'contact' }, undefined, 'deployed'],
  ])('%s', (_label, values, deployContext, expected) => {
    expect(detectRuntime(envOf(values), deployContext)).toBe(expected);
  });
});

describe('chooseDelivery, per request', () => {
  const PRODUCTION = { deploy: { context: 'production' } };
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  test('with a key: Resend, from the studio sender to the studio inboxes', () => {
    const env = envOf({ RESEND_API_KEY: KEY_VALUE, CONTACT_TO: 'studio@example.com, owner@example.com', CONTACT_FROM: ' Website <website@example.com> ' });
    expect(chooseDelivery(PRODUCTION, { env })).toMatchObject({
      ok: true,
      transport: { name: 'resend' },
      from: 'Website <website@example.com>',
      to: ['studio@example.com', 'owner@example.com'],
    });
  });

  test('locally without a key: the outbox in .outbox/ of the folder it runs in, addressed with placeholders', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'outbox-cwd-'));
    vi.spyOn(process, 'cwd').mockReturnValue(cwd);
    const choice = chooseDelivery(undefined, { env: envOf({}) });
    expect(choice).toMatchObject({ ok: true, transport: { name: 'outbox' }, from: 'Website contact form <website@example.com>', to: ['studio-inbox@example.com'] });
    expect(choice.ok && (await choice.transport.send(EMAIL, KEY))).toMatchObject({ ok: true, savedTo: join(cwd, '.outbox', `${KEY}.eml`) });
    await rm(cwd, { recursive: true, force: true });
  });

  test('deployed without configuration: no transport, every missing variable named', () => {
    expect(chooseDelivery({ deploy: { context: 'deploy-preview' } }, { env: envOf({}) })).toEqual({
      ok: false,
      problems: ['RESEND_API_KEY is missing', 'CONTACT_TO is missing', 'CONTACT_FROM is missing'],
    });
  });

  test('a blank variable counts as missing', () => {
    const env = envOf({ RESEND_API_KEY: '  ', CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'website@example.com' });
    expect(chooseDelivery(PRODUCTION, { env })).toEqual({ ok: false, problems: ['RESEND_API_KEY is missing'] });
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
    const choice = chooseDelivery(PRODUCTION, { env: envOf(values) });
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.problems).toHaveLength(1);
    expect(choice.problems[0]).toMatch(new RegExp(`^${name} `));
    const text = JSON.stringify(choice);
    for (const value of Object.values(override)) if (value.trim().length > 3) expect(text).not.toContain(value.trim());
  });

  test('locally, a set but malformed address is still a problem (the developer should know)', () => {
    expect(chooseDelivery(undefined, { env: envOf({ CONTACT_TO: 'nope' }) })).toMatchObject({ ok: false });
  });

  test('reads the platform environment when given none, on every call', () => {
    vi.stubEnv('CONTEXT', 'production');
    vi.stubEnv('RESEND_API_KEY', '');
    expect(chooseDelivery(undefined)).toMatchObject({ ok: false });
    vi.stubEnv('RESEND_API_KEY', KEY_VALUE);
    vi.stubEnv('CONTACT_TO', 'studio@example.com');
    vi.stubEnv('CONTACT_FROM', 'website@example.com');
    expect(chooseDelivery(undefined)).toMatchObject({ ok: true, transport: { name: 'resend' } });
  });
});

describe('platformEnv', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  });

  test('reads process.env outside Netlify', () => {
    vi.stubEnv('CONTACT_TO', 'from-process@example.com');
    expect(platformEnv()('CONTACT_TO')).toBe('from-process@example.com');
  });

  test('reads Netlify.env inside Netlify', () => {
    vi.stubEnv('CONTACT_TO', 'from-process@example.com');
    vi.stubGlobal('Netlify', { env: { get: (name: string) => (name === 'CONTACT_TO' ? 'from-netlify@example.com' : undefined) } });
    expect(platformEnv()('CONTACT_TO')).toBe('from-netlify@example.com');
  });
});

const ok = (id = 'email-1'): CreateEmailResponse => ({ data: { id }, error: null, headers: {} });
const fail = (statusCode: number | null, name: string, headers: Record<string, string> | null = {}): CreateEmailResponse =>
  ({ data: null, error: { statusCode, name, message: 'test' }, headers }) as CreateEmailResponse;

type Step = CreateEmailResponse | 'throw' | 'hang' | (() => CreateEmailResponse);

/** A fake `emails.send` playing the given steps in order, recording every call. */
function fakeEmails(steps: Step[]) {
  const calls: { payload: CreateEmailOptions; options: CreateEmailRequestOptions | undefined }[] = [];
  const emails = {
    send(payload: CreateEmailOptions, options?: CreateEmailRequestOptions): Promise<CreateEmailResponse> {
      calls.push({ payload, options });
      const step = steps.shift() ?? ok();
      if (step === 'throw') throw new Error('SDK bug');
      if (step === 'hang') return new Promise(() => {});
      return Promise.resolve(typeof step === 'function' ? step() : step);
    },
  };
  return { emails, calls };
}

function transportWith(steps: Step[], overrides: { attemptTimeoutMs?: number; now?: () => number } = {}) {
  const fake = fakeEmails(steps);
  const sleeps: number[] = [];
  const transport = createResendTransport({
    emails: fake.emails,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    attemptTimeoutMs: 50,
    ...overrides,
  });
  return { transport, calls: fake.calls, sleeps };
}

describe('classifyResendAnswer', () => {
  const NOW = Date.parse('2026-11-27T10:00:00Z');
  test.each([
    ['200 with an id', ok('abc'), { kind: 'sent', id: 'abc' }],
    ['200 without an id', { data: {}, error: null, headers: {} } as unknown as CreateEmailResponse, { kind: 'retry', detail: 'no-id' }],
    ['200 with an empty id', ok(''), { kind: 'retry', detail: 'no-id' }],
    ['no answer at all', undefined, { kind: 'retry', detail: 'no-id' }],
    ['refused connection / abort / broken body', fail(null, 'application_error'), { kind: 'retry', detail: 'application_error no-status' }],
    ['429 with Retry-After', fail(429, 'rate_limit_exceeded', { 'retry-after': '2' }), { kind: 'retry', detail: 'rate_limit_exceeded 429', retryAfterMs: 2000 }],
    ['429 without Retry-After', fail(429, 'rate_limit_exceeded', null), { kind: 'retry', detail: 'rate_limit_exceeded 429' }],
    ['429 daily quota', fail(429, 'daily_quota_exceeded'), { kind: 'stop', failure: 'unavailable', detail: 'daily_quota_exceeded 429' }],
    ['500', fail(500, 'internal_server_error'), { kind: 'retry', detail: 'internal_server_error 500' }],
    ['503', fail(503, 'application_error'), { kind: 'retry', detail: 'application_error 503' }],
    ['409 same key, other payload', fail(409, 'invalid_idempotent_request'), { kind: 'stop', failure: 'conflict', detail: 'invalid_idempotent_request 409' }],
    ['409 same key still in progress', fail(409, 'concurrent_idempotent_requests'), { kind: 'retry', detail: 'concurrent_idempotent_requests 409' }],
    ['401 bad key', fail(401, 'missing_api_key'), { kind: 'stop', failure: 'refused', detail: 'missing_api_key 401' }],
    ['403 unverified domain', fail(403, 'invalid_from_address'), { kind: 'stop', failure: 'refused', detail: 'invalid_from_address 403' }],
    ['422 validation', fail(422, 'validation_error'), { kind: 'stop', failure: 'refused', detail: 'validation_error 422' }],
  ])('%s', (_label, answer, expected) => {
    expect(classifyResendAnswer(answer, NOW)).toEqual(expected);
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

describe('createResendTransport', () => {
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
    expect(await transport.send(EMAIL, KEY)).toEqual({ ok: false, failure: 'unavailable', attempts: 3, detail: 'timeout' });
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

  test('stops retrying when the overall time budget (9 s) is spent', async () => {
    let clock = 0;
    const slow = () => {
      clock += 5000; // each attempt "takes" five seconds
      return fail(500, 'internal_server_error');
    };
    const { transport, calls } = transportWith([slow, slow, slow], { now: () => clock });
    expect(await transport.send(EMAIL, KEY)).toMatchObject({ ok: false, failure: 'unavailable', attempts: 2 });
    expect(calls).toHaveLength(2);
  });
});

describe('createOutboxTransport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const emlFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.eml'));

  test('writes one readable .eml file: headers, then the text and the HTML as alternatives', async () => {
    const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
    const result = await outbox.send(EMAIL, KEY);
    const file = `${KEY}.eml`;
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
    const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
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
    const outbox = createOutboxTransport({ dir, now: () => new Date((now += 1000)) });
    const first = await outbox.send(EMAIL, KEY);
    const second = await outbox.send(EMAIL, KEY);
    expect(await emlFiles()).toHaveLength(1);
    expect(second).toMatchObject({ ok: true, duplicate: true, messageId: first.ok ? first.messageId : 'unreachable' });
  });

  test('a repeat post saves the email again when its file was deleted', async () => {
    const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
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
    const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
    const results = await Promise.all([outbox.send(EMAIL, KEY), outbox.send(EMAIL, KEY), outbox.send(EMAIL, KEY)]);
    expect(await emlFiles()).toHaveLength(1);
    expect(results.filter((result) => result.ok && !result.duplicate)).toHaveLength(1);
  });

  test('an unsafe key becomes a hashed file name', async () => {
    const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
    const result = await outbox.send(EMAIL, '../../etc/passwd');
    expect(result.ok && result.messageId).toMatch(/^[0-9a-f]{64}\.eml$/);
  });

  test('a folder it cannot write to is "unavailable", not a crash or a false success', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const outbox = createOutboxTransport({ dir: join(blocker, 'outbox'), now: () => FIXED_NOW });
    expect(await outbox.send(EMAIL, KEY)).toMatchObject({ ok: false, failure: 'unavailable' });
  });

  test('headers stay on one line even if a value slipped through with a line break', async () => {
    const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
    await outbox.send({ ...EMAIL, subject: 'Hi\r\nBcc: victim@example.com' }, KEY);
    const [file] = await emlFiles();
    const headerBlock = (await readFile(join(dir, file ?? ''), 'utf8')).split('\n\n')[0] ?? '';
    expect(headerBlock).toContain('Subject: Hi Bcc: victim@example.com');
    expect(headerBlock.split('\n').some((line) => line.startsWith('Bcc:'))).toBe(false);
  });
});
