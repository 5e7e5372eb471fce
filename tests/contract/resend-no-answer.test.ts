import { describe, expect, test, vi } from 'vitest';
import type { ScriptedAnswer } from '../support/resend-stand-in.ts';
import { SUBMISSION_ID, VALID_INQUIRY, formRequest, jsonRequest, useContactFunction } from '../unit/contact/fixtures.ts';
import { expectUnconfirmed, inquiry } from './outcomes.ts';

/**
 * Resend takes a request and does not answer, and double submits, through the whole handler and the
 * real SDK at the function's real pace: "could not confirm", never "NOT sent", and no inquiry reaches
 * the inbox twice. Passing and refusing faults are in resend-faults.test.ts.
 */

const { post, logs, standIn } = useContactFunction();
const keysSent = () => new Set(standIn().requests.map((request) => request.headers['idempotency-key']));

describe('a request that reached Resend and got no answer: "could not confirm", never "NOT sent"', () => {
  test.each<[string, ScriptedAnswer]>([
    ['drops the connection', { kind: 'drop' }],
    ['answers 200 with a body that is not JSON', { kind: 'malformed-json' }],
  ])('Resend %s every time: 504 after three attempts with one key', async (_label, fault) => {
    standIn().script(fault, fault, fault);
    await expectUnconfirmed(await post(inquiry()));
    expect(standIn().requests).toHaveLength(3);
    expect(keysSent().size).toBe(1);
  });

  test('Resend takes it but never answers in time: 504 within the time budget, and the inbox has it once', async () => {
    const late: ScriptedAnswer = { kind: 'hang', afterDelivery: true };
    standIn().script(late, late, late);
    await expectUnconfirmed(await post(inquiry()));
    // Each attempt is abandoned after its time-out; the next one would end past the budget.
    expect(standIn().requests).toHaveLength(2);
    expect(standIn().deliveries).toHaveLength(1);
    expect(logs()[0]).toMatchObject({ outcome: 'unconfirmed', status: 504, attempts: 2, detail: 'application_error no-status' });
  });
});

describe('double submits never reach the inbox twice', () => {
  test('the same submission id twice, or the same form twice without JavaScript: one delivery, both told "sent"', async () => {
    expect((await post(inquiry())).status).toBe(200);
    expect((await post(inquiry())).status).toBe(200);
    expect((await post(formRequest({ ...VALID_INQUIRY }))).status).toBe(303);
    expect((await post(formRequest({ ...VALID_INQUIRY }))).status).toBe(303);
    expect(standIn().requests).toHaveLength(4);
    expect(standIn().deliveries).toHaveLength(2);
  });

  test('the same id with changed answers is a new email: both arrive, neither is refused', async () => {
    await post(inquiry());
    expect((await post(jsonRequest({ ...VALID_INQUIRY, message: 'A different message', submissionId: SUBMISSION_ID }))).status).toBe(200);
    expect(standIn().deliveries).toHaveLength(2);
  });

  test('twenty copies at once while Resend takes 1.6 s: the copies wait for the first, all told "sent", one email', async () => {
    standIn().script({ kind: 'slow', ms: 1600 });
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(inquiry())));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(standIn().deliveries).toHaveLength(1);
    expect(standIn().requests.map((request) => request.answer)).toContain('in-flight');
  });

  test('a copy still in flight when the time is up: "could not confirm", never "NOT sent", and one email', async () => {
    standIn().script({ kind: 'slow', ms: 9500 });
    const responses = await Promise.all([post(inquiry()), post(inquiry())]);
    for (const response of responses) await expectUnconfirmed(response);
    await vi.waitFor(() => expect(standIn().deliveries).toHaveLength(1), { timeout: 10_000, interval: 100 });
  }, 30_000);
});
