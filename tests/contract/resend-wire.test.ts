import type { Context } from '@netlify/functions';
import { Resend } from 'resend';
import { afterEach, expect, test, vi } from 'vitest';
import { createResendTransport } from '../../netlify/functions/contact/delivery.ts';
import contact from '../../netlify/functions/contact/index.ts';
import { useResendStandIn } from './use-resend-stand-in.ts';
import { OUTGOING_EMAIL as EMAIL, SUBMISSION_ID, VALID_INQUIRY, formRequest, jsonRequest } from '../unit/contact/fixtures.ts';

/** The real Resend SDK against the local stand-in: what actually goes over the wire. */

const API_KEY = 're_test_contract_0123456789';
const standIn = useResendStandIn(API_KEY);
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

test('one POST /emails with the key, the idempotency key and every field Resend needs', async () => {
  const transport = createResendTransport({ emails: new Resend(API_KEY, { baseUrl: standIn().url }).emails });
  const result = await transport.send(EMAIL, `contact-${SUBMISSION_ID}`);

  expect(result).toEqual({ ok: true, messageId: standIn().deliveries[0]?.id, attempts: 1 });
  expect(standIn().requests).toHaveLength(1);
  const [request] = standIn().requests;
  expect(request?.method).toBe('POST');
  expect(request?.path).toBe('/emails');
  expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  expect(request?.headers['idempotency-key']).toBe(`contact-${SUBMISSION_ID}`);
  expect(request?.headers['content-type']).toBe('application/json');
  expect(request?.body).toEqual({
    from: EMAIL.from,
    to: EMAIL.to,
    reply_to: EMAIL.replyTo,
    subject: EMAIL.subject,
    text: EMAIL.text,
    html: EMAIL.html,
    tags: EMAIL.tags,
  });
});

test('a wrong API key is refused (401) and not retried', async () => {
  const transport = createResendTransport({ emails: new Resend('re_wrong_key_0123456789', { baseUrl: standIn().url }).emails, sleep: async () => {} });
  expect(await transport.send(EMAIL, 'contact-key-wrong-api-key')).toEqual({ ok: false, failure: 'refused', attempts: 1, detail: 'missing_api_key 401' });
  expect(standIn().deliveries).toHaveLength(0);
});

test('the real function, configured by environment, sends a visitor inquiry through RESEND_BASE_URL, then the confirmation', async () => {
  vi.stubEnv('RESEND_API_KEY', API_KEY);
  vi.stubEnv('RESEND_BASE_URL', standIn().url);
  vi.stubEnv('CONTACT_TO', 'studio@example.com, owner@example.com');
  vi.stubEnv('CONTACT_FROM', 'Pure Progression website <website@example.com>');
  vi.stubEnv('CONTEXT', 'production');
  vi.spyOn(console, 'log').mockImplementation(() => {});

  const response = await contact(jsonRequest({ ...VALID_INQUIRY, submissionId: SUBMISSION_ID }), {} as Context);

  expect(response.status).toBe(200);
  expect(standIn().deliveries).toHaveLength(2);
  const [request, confirmation] = standIn().requests;
  expect(request?.headers['idempotency-key']).toMatch(/^contact-[0-9a-f]{64}$/);
  const body = request?.body as Record<string, unknown>;
  expect(body).toMatchObject({
    from: 'Pure Progression website <website@example.com>',
    to: ['studio@example.com', 'owner@example.com'],
    reply_to: 'test@example.com',
    subject: 'Website inquiry from Test Parent (In your home)',
    tags: [
      { name: 'source', value: 'website-contact' },
      { name: 'setting', value: 'in-home' },
    ],
  });
  expect(body.text).toContain('Age group: Child (6 to 12)');
  expect(body.text).toContain('We would like to hear about sessions for our son.');
  expect(body.html).toContain('<th scope="row"');
  // The confirmation, in the words of settings.json (tests/contract/confirmation.test.ts tests it in depth).
  expect(confirmation?.headers['idempotency-key']).toMatch(/^confirmation-[0-9a-f]{64}$/);
  expect(confirmation?.body).toMatchObject({ to: ['test@example.com'], reply_to: 'studio@example.com', tags: [{ name: 'source', value: 'website-confirmation' }] });
});

test('browser tests can script the stand-in and read its inbox over HTTP', async () => {
  const scripted = await fetch(`${standIn().url}/__stand-in/script`, {
    method: 'POST',
    body: JSON.stringify([{ kind: 'error', status: 500 }]),
  });
  expect(await scripted.json()).toEqual({ ok: true, queued: 1 });
  const transport = createResendTransport({ emails: new Resend(API_KEY, { baseUrl: standIn().url }).emails, sleep: async () => {} });
  expect(await transport.send(EMAIL, 'contact-key-over-http-0001')).toMatchObject({ ok: true, attempts: 2 });

  const state = (await (await fetch(`${standIn().url}/__stand-in/state`)).json()) as { requests: unknown[]; deliveries: unknown[] };
  expect(state.requests).toHaveLength(2);
  expect(state.deliveries).toHaveLength(1);

  await fetch(`${standIn().url}/__stand-in/reset`, { method: 'POST' });
  expect(standIn().deliveries).toHaveLength(0);
});

test('after the studio corrects a mistyped CONTACT_TO, the same answers are sent again, to the right inbox', async () => {
  vi.stubEnv('RESEND_API_KEY', API_KEY);
  vi.stubEnv('RESEND_BASE_URL', standIn().url);
  vi.stubEnv('CONTACT_FROM', 'Pure Progression website <website@example.com>');
  vi.stubEnv('CONTEXT', 'production');
  vi.spyOn(console, 'log').mockImplementation(() => {});
  const post = () => contact(formRequest({ ...VALID_INQUIRY }), {} as Context);

  vi.stubEnv('CONTACT_TO', 'studio@exmaple.com');
  expect((await post()).status).toBe(303);
  vi.stubEnv('CONTACT_TO', 'studio@example.com');
  expect((await post()).status).toBe(303);
  // A real double submit (Back, then send again) still sends once.
  expect((await post()).status).toBe(303);

  const studio = (key: string | undefined) => key?.startsWith('contact-');
  expect(standIn().deliveries.filter((delivery) => studio(delivery.idempotencyKey)).map((delivery) => delivery.email.to)).toEqual([['studio@exmaple.com'], ['studio@example.com']]);
  expect(standIn().requests.filter((request) => studio(request.headers['idempotency-key'])).map((request) => request.answer)).toEqual(['accept', 'accept', 'duplicate']);
});
