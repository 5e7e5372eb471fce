import { describe, expect, test } from 'vitest';
import { createContactHandler } from '../../netlify/functions/contact/index.ts';
import type { ContactLogEntry } from '../../netlify/functions/contact/index.ts';
import { send } from '../../netlify/functions/contact/send.ts';
import { startResendStandIn, type ScriptedAnswer } from '../support/resend-stand-in.ts';
import { useResendStandIn } from './use-resend-stand-in.ts';
import { FACTS, SUBMISSION_ID, VALID_INQUIRY, formRequest, jsonRequest } from '../unit/contact/fixtures.ts';

/**
 * Faults between the function and Resend, through the whole handler and the real SDK: the
 * visitor is never told "sent" unless Resend accepted the email, never "NOT sent" when it may have,
 * retries reuse one idempotency key, and no inquiry reaches the inbox twice. Timeouts are short
 * and waits are skipped, unless a test waits for real.
 */

const API_KEY = 're_test_faults_0123456789';
const standIn = useResendStandIn(API_KEY);

function setup(baseUrl = standIn().url, { realWaits = false } = {}) {
  const waits: number[] = [];
  const logs: ContactLogEntry[] = [];
  const env: Record<string, string> = {
    RESEND_API_KEY: API_KEY,
    RESEND_BASE_URL: baseUrl,
    CONTACT_TO: 'studio@example.com',
    CONTACT_FROM: 'Website <website@example.com>',
  };
  const sleep = async (ms: number) => {
    waits.push(ms);
    if (realWaits) await new Promise((resolve) => setTimeout(resolve, ms));
  };
  // The real configuration and Resend SDK, read from this environment; only the pace is changed.
  const handle = createContactHandler({
    env: (name) => env[name],
    send: (mail, email, key) => send(mail, email, key, { attemptTimeoutMs: 250, sleep }),
    siteFacts: async () => FACTS,
    log: (entry) => logs.push(entry),
  });
  return { handle: (request: Request) => handle(request, { deploy: { context: 'production' } }), waits, logs };
}

const inquiry = (submissionId = SUBMISSION_ID) => jsonRequest({ ...VALID_INQUIRY, submissionId });

async function expectNotSent(response: Response, status: number) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.ok).toBe(false);
  expect(body.message).toContain('NOT sent');
  expect(body.message).toContain(FACTS.phone);
  expect(JSON.stringify(body)).not.toContain('has been sent');
}

const keysSent = () => standIn().requests.map((request) => request.headers['idempotency-key']);

describe('recovers from passing faults, delivering exactly once', () => {
  test.each<[string, ScriptedAnswer[], number]>([
    ['429 with Retry-After', [{ kind: 'rate-limit', retryAfterSeconds: 1 }], 2],
    ['500', [{ kind: 'error', status: 500 }], 2],
    ['500 twice', [{ kind: 'error', status: 500 }, { kind: 'error', status: 503, name: 'application_error' }], 3],
    ['a body that is not JSON', [{ kind: 'malformed-json' }], 2],
    ['a hung request', [{ kind: 'hang' }], 2],
    ['a dropped connection', [{ kind: 'drop' }], 2],
  ])('%s, then success', async (_label, faults, requests) => {
    standIn().script(...faults);
    const { handle } = setup();
    const response = await handle(inquiry());
    expect(response.status).toBe(200);
    expect(standIn().requests).toHaveLength(requests);
    expect(new Set(keysSent()).size).toBe(1);
    expect(standIn().deliveries).toHaveLength(1);
  });

  test('Retry-After is honoured', async () => {
    standIn().script({ kind: 'rate-limit', retryAfterSeconds: 1 });
    const { handle, waits } = setup();
    await handle(inquiry());
    expect(waits).toEqual([1000]);
  });

  test('delivered, but the answer was lost: the retry gets the same email id and the inbox has one copy', async () => {
    standIn().script({ kind: 'hang', afterDelivery: true });
    const { handle, logs } = setup();
    const response = await handle(inquiry());
    expect(response.status).toBe(200);
    expect(standIn().requests.map((request) => request.answer)).toEqual(['hang', 'duplicate']);
    expect(standIn().deliveries).toHaveLength(1);
    expect(logs[0]).toMatchObject({ outcome: 'sent', attempts: 2, messageId: standIn().deliveries[0]?.id });
  });
});

describe('when Resend answers no every time, the visitor is told it was NOT sent', () => {
  test.each<[string, ScriptedAnswer]>([
    ['429', { kind: 'rate-limit', retryAfterSeconds: 1 }],
    ['500', { kind: 'error', status: 500 }],
  ])('%s every time → 503 after three attempts with one key', async (_label, fault) => {
    standIn().script(fault, fault, fault);
    const { handle } = setup();
    const started = Date.now();
    await expectNotSent(await handle(inquiry()), 503);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(standIn().requests).toHaveLength(3);
    expect(new Set(keysSent()).size).toBe(1);
    expect(standIn().deliveries).toHaveLength(0);
  });

  test('connection refused → 503', async () => {
    const closed = await startResendStandIn();
    const url = closed.url;
    await closed.refuseConnections();
    const { handle, logs } = setup(url);
    await expectNotSent(await handle(inquiry()), 503);
    expect(logs[0]).toMatchObject({ outcome: 'not-sent-unavailable', attempts: 3, detail: 'application_error no-status' });
  });

  test('a 4xx refusal → 502 at once, no retry', async () => {
    standIn().script({ kind: 'error', status: 403, name: 'invalid_from_address' });
    const { handle } = setup();
    await expectNotSent(await handle(inquiry()), 502);
    expect(standIn().requests).toHaveLength(1);
  });

  test('a form post gets the error page, not the thank-you redirect', async () => {
    standIn().script({ kind: 'error', status: 500 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const { handle } = setup();
    const response = await handle(formRequest({ ...VALID_INQUIRY }));
    expect(response.status).toBe(503);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('href="tel:+18015550142"');
  });
});

describe('double submits never reach the inbox twice', () => {
  test('the same submission id twice (double click, resend after a timeout): one delivery, both answered sent', async () => {
    const { handle } = setup();
    expect((await handle(inquiry())).status).toBe(200);
    expect((await handle(inquiry())).status).toBe(200);
    expect(standIn().requests).toHaveLength(2);
    expect(standIn().deliveries).toHaveLength(1);
  });

  test('two clicks at the same moment: one delivery', async () => {
    const { handle } = setup();
    const responses = await Promise.all([handle(inquiry()), handle(inquiry())]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(standIn().deliveries).toHaveLength(1);
  });

  test('the same form posted twice without JavaScript: one delivery', async () => {
    const { handle } = setup();
    expect((await handle(formRequest({ ...VALID_INQUIRY }))).status).toBe(303);
    expect((await handle(formRequest({ ...VALID_INQUIRY }))).status).toBe(303);
    expect(standIn().deliveries).toHaveLength(1);
  });

  test('the same id with changed answers is a new email: both arrive, neither is refused', async () => {
    const { handle } = setup();
    await handle(inquiry());
    const changed = jsonRequest({ ...VALID_INQUIRY, message: 'A different message', submissionId: SUBMISSION_ID });
    expect((await handle(changed)).status).toBe(200);
    expect(standIn().deliveries).toHaveLength(2);
  });

  test("Resend's 409 for a reused key with another payload → 409, NOT sent, not retried", async () => {
    standIn().script({ kind: 'error', status: 409, name: 'invalid_idempotent_request' });
    const { handle } = setup();
    await expectNotSent(await handle(inquiry()), 409);
    expect(standIn().requests).toHaveLength(1);
    expect(standIn().deliveries).toHaveLength(0);
  });
});

/** A 504 that says we could not confirm it, that sending again is safe, and the number: never "NOT sent". */
async function expectUnconfirmed(response: Response) {
  expect(response.status).toBe(504);
  const body = await response.json();
  expect(body).toMatchObject({ ok: false, phone: FACTS.phone });
  expect(body.message).toContain('could not confirm');
  expect(body.message).toContain('will not send it twice');
  expect(body.message).toContain(FACTS.phone);
  expect(body.message).not.toMatch(/NOT sent|has been sent/);
}

describe('a request that reached Resend and got no answer: "could not confirm", never "NOT sent"', () => {
  test('Resend accepted at once but never answered in time: 504, and the inbox has it once', async () => {
    const late: ScriptedAnswer = { kind: 'hang', afterDelivery: true };
    standIn().script(late, late, late);
    const { handle, logs } = setup();
    await expectUnconfirmed(await handle(inquiry()));
    expect(standIn().deliveries).toHaveLength(1);
    expect(logs[0]).toMatchObject({ outcome: 'unconfirmed', status: 504, attempts: 3, detail: 'timeout' });
  });

  test.each<[string, ScriptedAnswer]>([
    ['hangs', { kind: 'hang' }],
    ['drops the connection', { kind: 'drop' }],
    ['answers 200 with a body that is not JSON', { kind: 'malformed-json' }],
  ])('Resend %s every time: 504 after three attempts with one key', async (_label, fault) => {
    standIn().script(fault, fault, fault);
    const { handle } = setup();
    await expectUnconfirmed(await handle(inquiry()));
    expect(standIn().requests).toHaveLength(3);
    expect(new Set(keysSent()).size).toBe(1);
  });

  test('the no-JavaScript error page says the same', async () => {
    standIn().script({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    const { handle } = setup();
    const response = await handle(formRequest({ ...VALID_INQUIRY }));
    expect(response.status).toBe(504);
    const html = await response.text();
    expect(html).toContain('could not confirm');
    expect(html).toContain('will not send it twice');
    expect(html).toContain('href="tel:+18015550142"');
    expect(html).not.toContain('NOT sent');
  });
});

describe('a double submit while Resend is busy: the copy waits for the first and is told "sent"', () => {
  test('two identical posts 50 ms apart while Resend takes 1.6 s: both 200, one email', async () => {
    standIn().script({ kind: 'slow', ms: 1600 });
    const { handle } = setup(standIn().url, { realWaits: true });
    const first = handle(inquiry());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = handle(inquiry());
    expect((await Promise.all([first, second])).map((response) => response.status)).toEqual([200, 200]);
    expect(standIn().deliveries).toHaveLength(1);
    expect(standIn().requests.map((request) => request.answer)).toContain('in-flight');
  });

  test('twenty copies: all told "sent", one email', async () => {
    standIn().script({ kind: 'slow', ms: 1600 });
    const { handle } = setup(standIn().url, { realWaits: true });
    const responses = await Promise.all(Array.from({ length: 20 }, () => handle(inquiry())));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(standIn().deliveries).toHaveLength(1);
  });
});
