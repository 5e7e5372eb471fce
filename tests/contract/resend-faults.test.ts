import { describe, expect, test, vi } from 'vitest';
import { startResendStandIn, type ScriptedAnswer } from '../support/resend-stand-in.ts';
import { PRACTICE, VALID_INQUIRY, formRequest, useContactFunction } from '../unit/contact/fixtures.ts';
import { expectNotSent, inquiry } from './outcomes.ts';

/**
 * Faults between the function and Resend, through the whole handler and the real SDK, at the
 * function's real pace: the visitor is never told "sent" unless Resend accepted the email, never
 * "NOT sent" when it may have arrived; retries reuse one idempotency key, within the time budget,
 * and no inquiry reaches the inbox twice (no answers and double submits: resend-no-answer.test.ts).
 */

const { post, logs, standIn } = useContactFunction();
const keysSent = () => new Set(standIn().requests.map((request) => request.headers['idempotency-key']));
/** The time between one request to Resend and the next, in ms. */
const gaps = () => standIn().requests.slice(1).map((request, index) => request.at - standIn().requests[index]!.at);

describe('recovers from passing faults, delivering exactly once under one key', () => {
  test.each<[string, ScriptedAnswer[]]>([
    ['500', [{ kind: 'error', status: 500 }]],
    ['500, then 503', [{ kind: 'error', status: 500 }, { kind: 'error', status: 503, name: 'application_error' }]],
    ['a body that is not JSON', [{ kind: 'malformed-json' }]],
    ['a dropped connection', [{ kind: 'drop' }]],
    ['a hung request (abandoned after its time-out)', [{ kind: 'hang' }]],
  ])('%s, then success', async (_label, faults) => {
    standIn().script(...faults);
    expect((await post(inquiry())).status).toBe(200);
    expect(standIn().requests).toHaveLength(faults.length + 1);
    expect(keysSent().size).toBe(1);
    expect(standIn().deliveries).toHaveLength(1);
  });

  test('waits longer after each failure', async () => {
    standIn().script({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    expect((await post(inquiry())).status).toBe(200);
    expect(gaps()[0]).toBeGreaterThanOrEqual(400);
    expect(gaps()[1]).toBeGreaterThanOrEqual(800);
  });

  test.each([
    ['honoured', 1, 1000],
    ['capped when long', 120, 2000],
  ])('a rate limit: Retry-After is %s', async (_label, retryAfterSeconds, wait) => {
    standIn().script({ kind: 'rate-limit', retryAfterSeconds });
    expect((await post(inquiry())).status).toBe(200);
    expect(gaps()[0]).toBeGreaterThanOrEqual(wait);
  });

  test('delivered, but the answer was lost: the retry gets the same email id and the inbox has one copy', async () => {
    standIn().script({ kind: 'hang', afterDelivery: true });
    expect((await post(inquiry())).status).toBe(200);
    expect(standIn().requests.map((request) => request.answer)).toEqual(['hang', 'duplicate']);
    expect(standIn().deliveries).toHaveLength(1);
    expect(logs()[0]).toMatchObject({ outcome: 'sent', attempts: 2, messageId: standIn().deliveries[0]?.id });
  });
});

describe('when Resend answers no, the visitor is told it was NOT sent', () => {
  test.each<[string, ScriptedAnswer]>([
    ['429', { kind: 'rate-limit', retryAfterSeconds: 1 }],
    ['500', { kind: 'error', status: 500 }],
  ])('%s every time → 503 after three attempts with one key', async (_label, fault) => {
    standIn().script(fault, fault, fault);
    await expectNotSent(await post(inquiry()), 503);
    expect(standIn().requests).toHaveLength(3);
    expect(keysSent().size).toBe(1);
    expect(standIn().deliveries).toHaveLength(0);
  });

  test.each<[string, ScriptedAnswer, number]>([
    ['a 4xx refusal → 502', { kind: 'error', status: 403, name: 'invalid_from_address' }, 502],
    ['a spent quota → 503', { kind: 'error', status: 429, name: 'daily_quota_exceeded' }, 503],
    ["a reused key with another payload → 409", { kind: 'error', status: 409, name: 'invalid_idempotent_request' }, 409],
  ])('%s at once, not retried', async (_label, fault, status) => {
    standIn().script(fault);
    await expectNotSent(await post(inquiry()), status);
    expect(standIn().requests).toHaveLength(1);
  });

  test('a wrong API key is refused (401): 502, not retried', async () => {
    vi.stubEnv('RESEND_API_KEY', 're_wrong_key_0123456789');
    await expectNotSent(await post(inquiry()), 502);
    expect(logs()[0]).toMatchObject({ outcome: 'not-sent-refused', attempts: 1, detail: 'missing_api_key 401' });
  });

  test('connection refused → 503: nothing reached Resend', async () => {
    const closed = await startResendStandIn();
    await closed.close();
    vi.stubEnv('RESEND_BASE_URL', closed.url);
    await expectNotSent(await post(inquiry()), 503);
    expect(logs()[0]).toMatchObject({ outcome: 'not-sent-unavailable', attempts: 3, detail: 'application_error no-status' });
  });

  test('a form post gets the error page, not the thank-you redirect', async () => {
    standIn().script({ kind: 'error', status: 422 });
    const response = await post(formRequest({ ...VALID_INQUIRY }));
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain(`href="${PRACTICE.tel}"`);
  });
});
