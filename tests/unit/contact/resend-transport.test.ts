import type { CreateEmailOptions, CreateEmailRequestOptions, CreateEmailResponse } from 'resend';
import { describe, expect, test } from 'vitest';
import { classifyResendAnswer, createResendTransport, retryAfterMs } from '../../../src/lib/contact/resend-transport.ts';
import type { OutgoingEmail } from '../../../src/lib/contact/transport.ts';

const EMAIL: OutgoingEmail = {
  from: 'Website <website@example.com>',
  to: ['studio@example.com'],
  replyTo: 'test@example.com',
  subject: 'Website inquiry from Test Parent (In your home)',
  text: 'Hello',
  html: '<p>Hello</p>',
  tags: [{ name: 'source', value: 'website-contact' }],
};
const KEY = 'contact-0b3a6f2e-8a51-4c1e-9d3f-6a2b1c0d9e8f';

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

function transportWith(steps: Step[], overrides: { attemptTimeoutMs?: number; totalBudgetMs?: number; now?: () => number } = {}) {
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
    expect(calls[0]?.payload).toEqual({
      from: EMAIL.from,
      to: ['studio@example.com'],
      replyTo: 'test@example.com',
      subject: EMAIL.subject,
      text: 'Hello',
      html: '<p>Hello</p>',
      tags: [{ name: 'source', value: 'website-contact' }],
    });
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

  test('stops retrying when the overall time budget is spent', async () => {
    let clock = 0;
    const slow = () => {
      clock += 5000; // each attempt "takes" five seconds
      return fail(500, 'internal_server_error');
    };
    const { transport, calls } = transportWith([slow, slow, slow], { totalBudgetMs: 9000, now: () => clock });
    expect(await transport.send(EMAIL, KEY)).toMatchObject({ ok: false, failure: 'unavailable', attempts: 2 });
    expect(calls).toHaveLength(2);
  });
});
