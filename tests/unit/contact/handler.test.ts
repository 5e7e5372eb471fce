import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, test, vi } from 'vitest';
import { MAX_BODY_BYTES } from '../../../netlify/functions/contact/request.ts';
import { LOG_ID, PRACTICE, SUBMISSION_ID, VALID_INQUIRY, formRequest, jsonRequest, useContactFunction } from './fixtures.ts';

/** The handler top to bottom, with real Requests and the real SDK against the stand-in: every answer a visitor can get. */

const { post, sent, logs, standIn } = useContactFunction();
const FORM = { ...VALID_INQUIRY };

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/^default-src 'none'; /);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
}

describe('a valid inquiry', () => {
  test('from the form without JavaScript: sent once, to the studio only, then 303 to the thank-you page', async () => {
    const response = await post(formRequest(FORM));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/contact/thanks/');
    expectSecurityHeaders(response);
    expect(sent()).toEqual([expect.objectContaining({ from: 'Website <website@example.com>', to: ['studio@example.com'], reply_to: 'test@example.com', subject: 'Website inquiry from Test Parent (In your home)' })]);
    expect(sent()[0]?.text).toContain('We would like to hear about sessions for our son.');
    expect(logs()).toEqual([{ id: LOG_ID, outcome: 'sent', status: 303, via: 'resend', attempts: 1, messageId: standIn().deliveries[0]?.id }]);
  });

  test('from the script (JSON, with charset): 200 with a JSON thank-you, under a content-derived idempotency key', async () => {
    const response = await post(jsonRequest({ ...FORM, consent: true, submissionId: SUBMISSION_ID, fillMs: 60_000 }, { headers: { 'content-type': 'application/json; charset=utf-8' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.json()).toEqual({ ok: true, message: 'Thank you. Your inquiry has been sent, and we will get back to you soon.' });
    expect(standIn().requests.map((request) => request.headers['idempotency-key'])).toEqual([expect.stringMatching(/^contact-[0-9a-f]{64}$/)]);
  });
});

describe('bots get a success-shaped answer and nothing is sent', () => {
  test.each([
    ['a filled honeypot (form)', () => formRequest({ ...FORM, website: 'https://spam.example' }), 303, 'discarded-honeypot'],
    ['a filled honeypot (JSON)', () => jsonRequest({ ...FORM, website: 'x' }), 200, 'discarded-honeypot'],
    ['a filled honeypot with invalid fields', () => formRequest({ website: 'x', email: 'nope' }), 303, 'discarded-honeypot'],
    ['valid answers posted one second after the form appeared', () => jsonRequest({ ...FORM, fillMs: 1000 }), 200, 'discarded-too-fast'],
  ])('%s', async (_label, request, status, outcome) => {
    expect((await post(request())).status).toBe(status);
    expect(standIn().requests).toHaveLength(0);
    expect(logs()).toEqual([{ id: LOG_ID, outcome, status }]);
  });

  test('a person who presses Send quickly on a half-filled form sees what to fix, not a false "sent"', async () => {
    expect((await post(jsonRequest({ email: 'not-an-email', fillMs: 500 }))).status).toBe(422);
  });

  test('two empty honeypot values (a form posted twice over) count as blank, not as a bot', async () => {
    const body = `${new URLSearchParams(FORM).toString()}&website=&website=`;
    expect((await post(formRequest({}, { body }))).status).toBe(303);
    expect(sent()).toHaveLength(1);
  });
});

describe('bad requests get a clear answer, never a 5xx', () => {
  test.each(['GET', 'PUT', 'DELETE', 'OPTIONS'])('%s → 405 with Allow: POST', async (method) => {
    const response = await post(new Request('https://www.example.com/api/contact', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expectSecurityHeaders(response);
  });

  test.each([
    ['Content-Type text/plain', { 'content-type': 'text/plain' }],
    ['Content-Type multipart/form-data', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['another charset', { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' }],
    ['a gzip body', { 'content-encoding': 'gzip' }],
    ['a br body', { 'content-encoding': 'br' }],
  ])('%s → 415, as HTTP says, and nothing sent', async (_label, headers) => {
    const response = await post(formRequest(FORM, { body: gzipSync(new URLSearchParams(FORM).toString()), headers }));
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('not in a format we accept');
    expect(standIn().requests).toHaveLength(0);
  });

  test('Content-Encoding: identity and a quoted UTF-8 charset are the plain body they say they are', async () => {
    expect((await post(formRequest(FORM, { headers: { 'content-encoding': 'identity', 'content-type': 'application/x-www-form-urlencoded; charset="UTF-8"' } }))).status).toBe(303);
  });

  test('a body over 32 KB → 413', async () => {
    expect((await post(formRequest({ ...FORM, message: 'a'.repeat(MAX_BODY_BYTES) }))).status).toBe(413);
    expect(standIn().requests).toHaveLength(0);
  });

  test('malformed JSON → 400 in JSON, with the phone number', async () => {
    const response = await post(jsonRequest('{"name": "Test'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, message: 'Your inquiry was NOT sent because we could not read it. Please send it again from our contact page.', phone: PRACTICE.phone });
  });

  test.each([
    ['another site (fetch metadata)', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, 403],
    ['another site (Origin only)', { origin: 'https://evil.example' }, 403],
    ['our own page', { 'sec-fetch-site': 'same-origin', origin: 'https://www.example.com' }, 303],
  ])('a post from %s → %i', async (_label, headers, status) => {
    const response = await post(formRequest(FORM, { headers }));
    expect(response.status).toBe(status);
    if (status === 403) expect(await response.text()).toContain('came from another website');
    expect(sent()).toHaveLength(status === 403 ? 0 : 1);
  });
});

describe('invalid answers → 422 with a message per field', () => {
  test('JSON callers get { ok: false, errors: { field: message } }, and the log names the fields only', async () => {
    const response = await post(jsonRequest({ ...FORM, email: 'not-an-email', message: '', consent: false }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      ok: false,
      message: 'Your inquiry has not been sent yet. Check the answers marked below and send it again.',
      errors: {
        email: 'Enter your email address in the right format, like name@example.com',
        message: 'Tell us a little about what you are looking for',
        consent: 'Tick the box to confirm you understand this form is not for medical details or emergencies',
      },
    });
    expect(logs()).toEqual([{ id: LOG_ID, outcome: 'invalid', status: 422, fields: ['email', 'message', 'consent'] }]);
  });

  test('form posts get an accessible, self-contained error page whose CSP allows exactly its own style', async () => {
    const response = await post(formRequest({ ...FORM, name: '', email: 'x' }));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(`<title>Check your answers – ${PRACTICE.name}</title>`);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h1>Check your answers</h1>');
    expect(html).toContain('<li>Enter your name</li>\n<li>Enter your email address in the right format, like name@example.com</li>');
    expect(html).toContain(`<a href="${PRACTICE.tel}">${PRACTICE.phone}</a>`);
    expect(html).toContain('<a href="/contact/">Return to the contact form</a>');
    expect(html).not.toMatch(/<script|<link|style=/);
    const css = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(response.headers.get('content-security-policy')).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  });

  test("an unknown setting is refused with the question's own message", async () => {
    const response = await post(jsonRequest({ ...FORM, setting: 'moon' }));
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual({ setting: 'Choose where you would like sessions, or "Not sure yet"' });
  });
});

describe('when Resend took the request and no answer came, the visitor is told we could not confirm it: never "NOT sent"', () => {
  const dropped = { kind: 'drop' } as const;

  test('JSON: 504 in the shape of the other refusals, with the phone number', async () => {
    standIn().script(dropped, dropped, dropped);
    const response = await post(jsonRequest(FORM));
    expect(response.status).toBe(504);
    const body = await response.json();
    expect(body).toEqual({ ok: false, message: expect.stringContaining('could not confirm'), phone: PRACTICE.phone });
    expect(body.message).toContain('Sending it again will not send it twice');
    expect(body.message).toContain(PRACTICE.phone);
    expect(body.message).not.toMatch(/NOT sent|has been sent/);
    expect(logs()).toEqual([{ id: LOG_ID, outcome: 'unconfirmed', status: 504, via: 'resend', attempts: 3, detail: 'application_error no-status' }]);
  });

  test('without JavaScript: the error page says the same', async () => {
    standIn().script(dropped, dropped, dropped);
    const response = await post(formRequest(FORM));
    expect(response.status).toBe(504);
    const html = await response.text();
    expect(html).toContain('<h1>We could not confirm your inquiry</h1>');
    expect(html).toContain('Sending it again will not send it twice');
    expect(html).toContain(`href="${PRACTICE.tel}"`);
    expect(html).not.toContain('NOT sent');
  });
});

describe('when email cannot be sent, the visitor is told it was NOT sent, with the phone number', () => {
  const error = (status: number, name: string) => ({ kind: 'error', status, name }) as const;
  test.each([
    ['unavailable', 503, 'not responding', [error(500, 'internal_server_error'), error(500, 'internal_server_error'), error(500, 'internal_server_error')], 'internal_server_error 500'],
    ['refused', 502, 'refused it', [error(422, 'validation_error')], 'validation_error 422'],
    ['conflict', 409, 'already sent with different answers', [error(409, 'invalid_idempotent_request')], 'invalid_idempotent_request 409'],
  ] as const)('%s → %i', async (failure, status, words, answers, detail) => {
    standIn().script(...answers);
    const response = await post(jsonRequest(FORM));
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body).toMatchObject({ ok: false, phone: PRACTICE.phone });
    for (const part of ['NOT sent', words, PRACTICE.phone]) expect(body.message).toContain(part);
    expect(logs()).toEqual([{ id: LOG_ID, outcome: `not-sent-${failure}`, status, via: 'resend', attempts: answers.length, detail }]);
  });

  test('the form gets an error page that looks like the site, with the phone link and a way back', async () => {
    standIn().script(error(403, 'invalid_from_address'));
    const response = await post(formRequest(FORM));
    expect(response.status).toBe(502);
    const html = await response.text();
    expect(html).toContain('<h1>Your inquiry was not sent</h1>');
    expect(html).toContain('NOT sent');
    expect(html).toContain(`href="${PRACTICE.tel}"`);
    expect(html).toContain('href="/contact/"');
    expect(html).toContain(`<header><p><a href="/">${PRACTICE.name}</a></p></header>`);
    expect(html).toMatch(/<footer>.*href="\/privacy\/".*<\/footer>/);
  });
});

test('logs never contain what the visitor typed', async () => {
  const secret = { name: 'Unique Testperson', email: 'unique.testperson@example.com', phone: '(801) 555-0177', message: 'A very distinctive message about our situation' };
  await post(formRequest({ ...FORM, ...secret }));
  standIn().script({ kind: 'error', status: 422 });
  await post(jsonRequest({ ...FORM, ...secret, message: 'Another distinctive message' }));
  await post(jsonRequest({ ...FORM, ...secret, email: 'x' }));
  await post(formRequest({ ...FORM, ...secret, website: 'spam' }));
  expect(logs().map((entry) => entry.status)).toEqual([303, 502, 422, 303]);
  for (const value of Object.values(secret)) expect(JSON.stringify(logs())).not.toContain(value);
});

describe('when a part of the function fails, the visitor still gets a plain answer', () => {
  /** The function with one of its modules replaced. */
  async function withMocked(path: string, replacement: Record<string, unknown>) {
    vi.resetModules();
    vi.doMock(path, async (original) => ({ ...(await original<object>()), ...replacement }));
    const { default: contact } = await import('../../../netlify/functions/contact/index.ts');
    vi.doUnmock(path);
    return contact;
  }

  test('a bug while sending → 503 with the phone number, logged as an internal error', async () => {
    const contact = await withMocked('../../../netlify/functions/contact/email.ts', { renderInquiryEmail: () => { throw new Error('boom'); } });
    const response = await contact(jsonRequest(FORM));
    expect(response.status).toBe(503);
    expect((await response.json()).phone).toBe(PRACTICE.phone);
    expect(logs()[0]).toMatchObject({ outcome: 'internal-error', status: 503 });
  });

  test('unreadable site settings → still a readable answer', async () => {
    const contact = await withMocked('../../../src/lib/site-settings.ts', { getSiteSettings: () => Promise.reject(new Error('settings.json is broken')) });
    const response = await contact(jsonRequest({ ...FORM, email: 'bad' }));
    expect(response.status).toBe(422);
  });

  test('an unreadable location list: delivered anyway, the setting named by its id, and the log says why', async () => {
    const contact = await withMocked('../../../netlify/functions/contact/locations.ts', { readLocations: async () => ({ ok: false, problem: 'ENOENT' }) });
    expect((await contact(formRequest({ ...FORM, setting: 'school' }))).status).toBe(303);
    expect(sent()[0]?.subject).toBe('Website inquiry from Test Parent (school)');
    expect(sent()[0]?.text).toContain('Setting: school');
    expect(logs()).toEqual([{ id: LOG_ID, outcome: 'sent', status: 303, via: 'resend', attempts: 1, messageId: expect.any(String), warning: 'location list unreadable (ENOENT): settings named by their ids' }]);
    expect((await contact(jsonRequest({ ...FORM, setting: '<b>moon</b>' }))).status).toBe(422);
  });
});
