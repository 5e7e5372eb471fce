import type { Context } from '@netlify/functions';
import { afterEach, expect, test, vi } from 'vitest';
import contact from '../../netlify/functions/contact/index.ts';
import { send } from '../../netlify/functions/contact/send.ts';
import { useResendStandIn } from './use-resend-stand-in.ts';
import { OUTGOING_EMAIL as EMAIL, SUBMISSION_ID, VALID_INQUIRY, formRequest, jsonRequest } from '../unit/contact/fixtures.ts';

/** The real Resend SDK against the local stand-in: what actually goes over the wire. */

const API_KEY = 're_test_contract_0123456789';
const standIn = useResendStandIn(API_KEY);
const PRODUCTION = { deploy: { context: 'production' } } as Context;
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** The configuration `mailFrom` makes from a Resend key and RESEND_BASE_URL. */
const resendAt = (baseUrl: string, apiKey = API_KEY) => ({ ok: true, via: 'resend', apiKey, baseUrl, from: EMAIL.from, to: EMAIL.to }) as const;

test('one POST /emails with the key, the idempotency key and every field Resend needs', async () => {
  const result = await send(resendAt(standIn().url), EMAIL, `contact-${SUBMISSION_ID}`);

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
  expect(await send(resendAt(standIn().url, 're_wrong_key_0123456789'), EMAIL, 'contact-key-wrong-api-key')).toEqual({ ok: false, failure: 'refused', attempts: 1, detail: 'missing_api_key 401' });
  expect(standIn().deliveries).toHaveLength(0);
});

test('the real function, configured by environment, sends a visitor inquiry through RESEND_BASE_URL, to the studio only', async () => {
  vi.stubEnv('RESEND_API_KEY', API_KEY);
  vi.stubEnv('RESEND_BASE_URL', standIn().url);
  vi.stubEnv('CONTACT_TO', 'studio@example.com, owner@example.com');
  vi.stubEnv('CONTACT_FROM', 'Pure Progression website <website@example.com>');
  vi.spyOn(console, 'log').mockImplementation(() => {});

  const response = await contact(jsonRequest({ ...VALID_INQUIRY, submissionId: SUBMISSION_ID }), PRODUCTION);

  expect(response.status).toBe(200);
  expect(standIn().requests).toHaveLength(1);
  const [request] = standIn().requests;
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
});

test('browser tests can script the stand-in and read its inbox over HTTP', async () => {
  const scripted = await fetch(`${standIn().url}/__stand-in/script`, {
    method: 'POST',
    body: JSON.stringify([{ kind: 'error', status: 500 }]),
  });
  expect(await scripted.json()).toEqual({ ok: true, queued: 1 });
  expect(await send(resendAt(standIn().url), EMAIL, 'contact-key-over-http-0001', { sleep: async () => {} })).toMatchObject({ ok: true, attempts: 2 });

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
  vi.spyOn(console, 'log').mockImplementation(() => {});
  const post = () => contact(formRequest({ ...VALID_INQUIRY }), PRODUCTION);

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
