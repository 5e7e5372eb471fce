import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { chooseDelivery } from '../../netlify/functions/contact/delivery.ts';
import type { ConfirmationWords } from '../../netlify/functions/contact/email.ts';
import { createContactHandler } from '../../netlify/functions/contact/index.ts';
import type { ContactLogEntry } from '../../netlify/functions/contact/index.ts';
import type { ScriptedAnswer } from '../support/resend-stand-in.ts';
import { useResendStandIn } from './use-resend-stand-in.ts';
import { CONFIRMING_FACTS, FACTS, FIXED_NOW, SUBMISSION_ID, VALID_INQUIRY, formRequest, jsonRequest } from '../unit/contact/fixtures.ts';

/**
 * The visitor's confirmation, through the whole handler and the real SDK against the Resend
 * stand-in (which keeps idempotency keys as Resend does): one studio email and one confirmation
 * per inquiry, at most one confirmation per address a day, nothing the visitor typed in it, and
 * its failure never changes the answer. Waits are skipped and attempts time out quickly.
 */

const API_KEY = 're_test_confirmation_0123456789';
const standIn = useResendStandIn(API_KEY);

function setup(options: { words?: ConfirmationWords & typeof FACTS; now?: () => Date } = {}) {
  const logs: ContactLogEntry[] = [];
  const env: Record<string, string> = {
    RESEND_API_KEY: API_KEY,
    RESEND_BASE_URL: standIn().url,
    CONTACT_TO: 'studio@example.com, owner@example.com',
    CONTACT_FROM: 'Website <website@example.com>',
    CONTEXT: 'production',
  };
  const handle = createContactHandler({
    chooseDelivery: (context) => chooseDelivery(context, { env: (name) => env[name], resend: { attemptTimeoutMs: 250, sleep: async () => {} } }),
    siteFacts: async () => options.words ?? CONFIRMING_FACTS,
    now: options.now ?? (() => FIXED_NOW),
    log: (entry) => logs.push(entry),
  });
  return { handle, logs };
}

const inquiry = (changes: Record<string, string> = {}) => jsonRequest({ ...VALID_INQUIRY, submissionId: SUBMISSION_ID, ...changes });
const isConfirmation = (key: string | undefined) => key?.startsWith('confirmation-') ?? false;
const confirmations = () => standIn().deliveries.filter((delivery) => isConfirmation(delivery.idempotencyKey));
const studioEmails = () => standIn().deliveries.filter((delivery) => !isConfirmation(delivery.idempotencyKey));
/** What the stand-in did with each confirmation request: accept, duplicate, conflict… */
const confirmationAnswers = () => standIn().requests.filter((request) => isConfirmation(request.headers['idempotency-key'])).map((request) => request.answer);

test('one studio email, then one confirmation: from the studio, to the visitor, replies to the studio inbox, our words only', async () => {
  const { handle, logs } = setup();
  const response = await handle(inquiry());
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ ok: true });

  expect(studioEmails()).toHaveLength(1);
  expect(confirmations()).toHaveLength(1);
  // The studio's email goes first: a confirmation never goes out for an inquiry the studio does not have.
  expect(standIn().requests.map((request) => isConfirmation(request.headers['idempotency-key']))).toEqual([false, true]);
  const [confirmation] = confirmations();
  expect(confirmation?.idempotencyKey).toMatch(/^confirmation-[0-9a-f]{64}$/);
  expect(confirmation?.email).toEqual({
    from: 'Website <website@example.com>',
    to: ['test@example.com'],
    reply_to: 'studio@example.com',
    subject: 'We received your inquiry – Test Music Therapy',
    text: expect.stringContaining('We reply within one business day. To talk sooner, call (801) 555-0142 or email hello@testpractice.example.'),
    html: expect.stringContaining('<a href="tel:+18015550142">(801) 555-0142</a>'),
    tags: [{ name: 'source', value: 'website-confirmation' }],
  });
  expect(logs).toEqual([expect.objectContaining({ outcome: 'sent', confirmation: { outcome: 'sent', attempts: 1, messageId: confirmation?.id } })]);
});

test('a double submit sends neither email twice', async () => {
  const { handle } = setup();
  expect((await handle(inquiry())).status).toBe(200);
  expect((await handle(inquiry())).status).toBe(200);
  expect(standIn().deliveries).toHaveLength(2);
  expect(confirmationAnswers()).toEqual(['accept', 'duplicate']);
});

test('a second inquiry from the same address the same day reaches the studio, with no second confirmation; the next day it gets one', async () => {
  let now = FIXED_NOW;
  const { handle, logs } = setup({ now: () => now });
  await handle(inquiry());
  await handle(inquiry({ message: 'One more question about school sessions.', submissionId: '1c4b7a3f-9b62-4d2f-8e4a-7b3c2d1e0f9a' }));
  // The same address typed in capitals: the same key, and the address differs in the payload, so Resend
  // refuses it (409): one went out today, so the log says already sent, not a failure.
  const shouted = await handle(inquiry({ email: 'TEST@Example.com', message: 'A third one.', submissionId: '2d5c8b4a-0c73-4e3a-9f5b-8c4d3e2f1a0b' }));
  expect(shouted.status).toBe(200);
  expect(studioEmails()).toHaveLength(3);
  expect(confirmations()).toHaveLength(1);
  expect(confirmationAnswers()).toEqual(['accept', 'duplicate', 'conflict']);
  expect(logs.map((entry) => entry.confirmation?.outcome)).toEqual(['sent', 'sent', 'already-sent']);

  now = new Date(FIXED_NOW.getTime() + 24 * 60 * 60 * 1000);
  await handle(inquiry({ message: 'Back again the next day.', submissionId: '3e6d9c5b-1d84-4f4b-8a6c-9d5e4f3a2b1c' }));
  expect(confirmations()).toHaveLength(2);
});

test('many inquiries naming one address, from anyone, send it one confirmation a day', async () => {
  const { handle } = setup();
  for (let index = 0; index < 8; index += 1) {
    await handle(inquiry({ name: `Sender ${index}`, message: `Inquiry number ${index}`, submissionId: `${index}`.repeat(16) }));
  }
  expect(studioEmails()).toHaveLength(8);
  expect(confirmations()).toHaveLength(1);
});

test('one mailbox spelled many ways (a +tag, Gmail\'s dots and second domain) gets one confirmation a day', async () => {
  const { handle, logs } = setup();
  const spellings = ['victim@gmail.com', 'victim+1@gmail.com', 'v.ictim@gmail.com', 'Victim+news@googlemail.com'];
  for (const [index, email] of spellings.entries()) {
    expect((await handle(inquiry({ email, message: `Inquiry number ${index}`, submissionId: `${index}`.repeat(16) }))).status).toBe(200);
  }
  expect(studioEmails()).toHaveLength(4);
  expect(confirmations()).toHaveLength(1);
  expect(logs.map((entry) => entry.confirmation?.outcome)).toEqual(['sent', 'already-sent', 'already-sent', 'already-sent']);
});

describe('a failing confirmation never changes the answer or the studio email, and is logged without personal data', () => {
  test.each<[string, ScriptedAnswer[], string, number, 200 | 303]>([
    ['Resend failing (500, twice)', [{ kind: 'accept' }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 }], 'not-sent-unavailable', 2, 200],
    ['Resend refusing it (422)', [{ kind: 'accept' }, { kind: 'error', status: 422 }], 'not-sent-refused', 1, 200],
    ['Resend not answering', [{ kind: 'accept' }, { kind: 'hang' }, { kind: 'hang' }], 'not-sent-unavailable', 2, 303],
  ])('%s', async (_label, answers, outcome, attempts, status) => {
    standIn().script(...answers);
    const { handle, logs } = setup();
    const response = await handle(status === 303 ? formRequest({ ...VALID_INQUIRY }) : inquiry());
    expect(response.status).toBe(status);
    if (status === 303) expect(response.headers.get('location')).toBe('/contact/thanks/');
    else expect(await response.json()).toEqual({ ok: true, message: expect.stringContaining('has been sent') });
    expect(studioEmails()).toHaveLength(1);
    expect(confirmations()).toHaveLength(0);
    expect(logs).toEqual([expect.objectContaining({ outcome: 'sent', confirmation: expect.objectContaining({ outcome, attempts }) })]);
    expect(JSON.stringify(logs)).not.toMatch(/test@example\.com|Test Parent/);
  });

  test('the owner changed the words during the day: Resend refuses the same key with new words (409), logged as already sent, and the answer stays "sent"', async () => {
    await setup().handle(inquiry());
    const changed = { ...CONFIRMING_FACTS, confirmationEmail: { ...CONFIRMING_FACTS.confirmationEmail, subject: 'Thank you for writing to {practiceName}' } };
    const { handle, logs } = setup({ words: changed });
    const response = await handle(inquiry({ message: 'A new question.', submissionId: '4f7e0d6c-2e95-4a5c-9b7d-0e6f5a4b3c2d' }));
    expect(response.status).toBe(200);
    expect(confirmationAnswers()).toEqual(['accept', 'conflict']);
    expect(logs[0]?.confirmation).toEqual({ outcome: 'already-sent', attempts: 1 });
  });
});

test('turned off in settings.json: the studio email alone', async () => {
  const { handle, logs } = setup({ words: FACTS });
  expect((await handle(inquiry())).status).toBe(200);
  expect(standIn().deliveries).toHaveLength(1);
  expect(confirmations()).toHaveLength(0);
  expect(logs[0]?.confirmation).toEqual({ outcome: 'off' });
});

test('hostile names and messages never reach the confirmation: every address gets the same words', async () => {
  const hostile = fc.constantFrom(
    '<script>alert(1)</script>',
    'Win a prize at https://evil.example/claim now',
    '=?utf-8?B?SGVsbG8=?=',
    'Dear friend, your account is locked: call (900) 555-0199',
    '"><img src=x onerror=alert(1)>',
    'ann@evil.example',
    '\u202Egnp.exe',
  );
  const words = fc.record({ name: hostile, message: fc.oneof(hostile, fc.string({ minLength: 1, maxLength: 200 })), local: fc.stringMatching(/^[a-z]{3,12}$/) });
  const { handle } = setup();
  /** The confirmation as sent, but for its address. */
  const withoutAddress = () => {
    const { to: _to, ...rest } = confirmations()[0]?.email ?? {};
    return rest;
  };
  await handle(inquiry());
  const reference = withoutAddress();
  await fc.assert(
    fc.asyncProperty(words, async ({ name, message, local }) => {
      standIn().reset();
      const response = await handle(inquiry({ name, message, email: `${local}@example.org`, submissionId: crypto.randomUUID() }));
      if (response.status !== 200) return; // a message the schema refuses (blank) sends nothing at all
      expect(confirmations()[0]?.email.to).toEqual([`${local}@example.org`]);
      // Byte for byte the confirmation anyone gets: nothing typed can be in it.
      expect(withoutAddress()).toEqual(reference);
      expect(JSON.stringify(withoutAddress())).not.toMatch(/evil|alert|0199|SGVsbG8|Test Parent/);
      // The studio's email does carry the message: the test is not vacuous.
      expect(String(studioEmails()[0]?.email.text)).toContain(message.trim().slice(0, 20));
    }),
    { numRuns: 30 },
  );
});
