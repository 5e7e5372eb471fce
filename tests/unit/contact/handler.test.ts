import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES } from '../../../netlify/functions/contact/request.ts';
import { LOCATIONS, LOG_ID, SUBMISSION_ID, TEST_ENV, VALID_INQUIRY, formRequest, jsonRequest, testHandler } from './fixtures.ts';

/** The handler top to bottom, with real Requests and a recording send: every answer a visitor can get. */

const setup = testHandler;
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
  test('from the form without JavaScript: sent once, then 303 to the thank-you page', async () => {
    const { handle, sent, entries } = setup();
    const response = await handle(formRequest(FORM));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/contact/thanks/');
    expectSecurityHeaders(response);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.email).toMatchObject({
      from: 'Website <website@example.com>',
      to: ['studio@example.com'],
      replyTo: 'test@example.com',
      subject: 'Website inquiry from Test Parent (In your home)',
    });
    expect(sent[0]?.email.text).toContain('We would like to hear about sessions for our son.');
    expect(entries).toEqual([{ id: LOG_ID, outcome: 'sent', status: 303, via: 'resend', attempts: 1, messageId: 'msg-1'}]);
  });

  test('from the script (JSON, with charset): 200 with a JSON thank-you', async () => {
    const { handle, sent } = setup();
    const response = await handle(
      jsonRequest({ ...FORM, consent: true, submissionId: SUBMISSION_ID, fillMs: 60_000 }, { headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.json()).toEqual({ ok: true, message: 'Thank you. Your inquiry has been sent, and we will get back to you soon.' });
    expect(sent.map((call) => call.key)).toEqual([expect.stringMatching(/^contact-[0-9a-f]{64}$/)]);
  });

  test.each([
    ['dev', 'with a key', TEST_ENV, 'resend'],
    ['dev', 'without a key', {}, 'outbox'],
    [undefined, 'without a key (no Netlify context: a test, a plain Node call)', {}, 'outbox'],
  ])("Netlify's context %s, %s: sent through the %s", async (context, _label, env: Record<string, string | undefined>, via) => {
    const { handle, sent } = setup({ env: (name) => env[name] });
    expect((await handle(formRequest(FORM), context ? { deploy: { context } } : undefined)).status).toBe(303);
    expect(sent[0]?.mail).toMatchObject({ ok: true, via });
  });

  test.each(['production', 'deploy-preview', 'branch-deploy'])('deployed (%s) without a key: 503, never the outbox', async (context) => {
    const { handle, sent } = setup({ env: () => undefined });
    expect((await handle(formRequest(FORM), { deploy: { context } })).status).toBe(503);
    expect(sent).toHaveLength(0);
  });
});

describe('bots get a success-shaped answer and nothing is sent', () => {
  test.each([
    ['a filled honeypot (form)', () => formRequest({ ...FORM, website: 'https://spam.example' }), 303, 'discarded-honeypot'],
    ['a filled honeypot (JSON)', () => jsonRequest({ ...FORM, website: 'x' }), 200, 'discarded-honeypot'],
    ['a filled honeypot with invalid fields', () => formRequest({ website: 'x', email: 'nope' }), 303, 'discarded-honeypot'],
    ['valid answers posted one second after the form appeared', () => jsonRequest({ ...FORM, fillMs: 1000 }), 200, 'discarded-too-fast'],
  ])('%s', async (_label, request, status, outcome) => {
    const { handle, sent, entries } = setup();
    const response = await handle(request());
    expect(response.status).toBe(status);
    expect(sent).toHaveLength(0);
    expect(entries).toEqual([{ id: LOG_ID, outcome, status }]);
  });
});

test('a person who presses Send quickly on a half-filled form sees what to fix, not a false "sent"', async () => {
  const { handle, sent } = setup();
  const response = await handle(jsonRequest({ email: 'not-an-email', fillMs: 500 }));
  expect(response.status).toBe(422);
  expect(sent).toHaveLength(0);
});

describe('bad requests get a clear answer, never a 5xx', () => {
  test.each(['GET', 'PUT', 'DELETE', 'OPTIONS'])('%s → 405 with Allow: POST', async (method) => {
    const { handle, sent } = setup();
    const response = await handle(new Request('https://www.example.com/api/contact', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expectSecurityHeaders(response);
    expect(sent).toHaveLength(0);
  });

  test.each([
    ['text/plain', 'name=Test'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/json; charset=iso-8859-1', '{}'],
  ])('Content-Type %s → 415', async (type, body) => {
    const { handle } = setup();
    const response = await handle(new Request('https://www.example.com/api/contact', { method: 'POST', body, headers: { 'content-type': type } }));
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('not in a format we accept');
  });

  test.each(['gzip', 'deflate', 'br'])('a %s-encoded body (Content-Encoding) → 415, as HTTP says, not 400', async (encoding) => {
    const { handle, sent } = setup();
    const body = gzipSync(new URLSearchParams(FORM).toString());
    const response = await handle(formRequest(FORM, { body, headers: { 'content-encoding': encoding } }));
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('not in a format we accept');
    expect(sent).toHaveLength(0);
  });

  test('Content-Encoding: identity is the plain body it says it is', async () => {
    const { handle } = setup();
    expect((await handle(formRequest(FORM, { headers: { 'content-encoding': 'identity' } }))).status).toBe(303);
  });

  test('a body over 32 KB → 413', async () => {
    const { handle, sent } = setup();
    const response = await handle(formRequest({ ...FORM, message: 'a'.repeat(MAX_BODY_BYTES) }));
    expect(response.status).toBe(413);
    expect(sent).toHaveLength(0);
  });

  test('malformed JSON → 400 in JSON', async () => {
    const { handle } = setup();
    const response = await handle(jsonRequest('{"name": "Test'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      message: 'Your inquiry was NOT sent because we could not read it. Please send it again from our contact page.',
      phone: '(801) 555-0142',
    });
  });

  test.each([
    ['another site (fetch metadata)', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['another site (Origin only)', { origin: 'https://evil.example' }],
  ])('a post from %s → 403, nothing sent', async (_label, headers) => {
    const { handle, sent } = setup();
    const response = await handle(formRequest(FORM, { headers }));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('came from another website');
    expect(sent).toHaveLength(0);
  });

  test('our own page is let through', async () => {
    const { handle } = setup();
    const response = await handle(formRequest(FORM, { headers: { 'sec-fetch-site': 'same-origin', origin: 'https://www.example.com' } }));
    expect(response.status).toBe(303);
  });
});

describe('invalid answers → 422 with a message per field', () => {
  test('JSON callers get { ok: false, errors: { field: message } }', async () => {
    const { handle, sent, entries } = setup();
    const response = await handle(jsonRequest({ ...FORM, email: 'not-an-email', message: '', consent: false }));
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
    expect(sent).toHaveLength(0);
    // Field names only, never what was typed.
    expect(entries).toEqual([{ id: LOG_ID, outcome: 'invalid', status: 422, fields: ['email', 'message', 'consent'] }]);
  });

  test('form posts get an accessible, self-contained error page', async () => {
    const { handle } = setup();
    const response = await handle(formRequest({ ...FORM, name: '', email: 'x' }));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<title>Check your answers – Test Music Therapy</title>');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h1>Check your answers</h1>');
    expect(html).toContain('<li>Enter your name</li>\n<li>Enter your email address in the right format, like name@example.com</li>');
    expect(html).toContain('<a href="tel:+18015550142">(801) 555-0142</a>');
    expect(html).toContain('<a href="/contact/">Return to the contact form</a>');
    expect(html).not.toMatch(/<script|<link|style=/);
  });

  test("the error page's CSP allows exactly its own inline style, by hash", async () => {
    const { handle } = setup();
    const response = await handle(formRequest({}));
    const html = await response.text();
    const css = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(response.headers.get('content-security-policy')).toContain(`style-src 'sha256-${hash}'`);
  });
});

describe('when Resend took the request and no answer came, the visitor is told we could not confirm it: never "NOT sent"', () => {
  test('JSON: 504 in the shape of the other refusals, with the phone number', async () => {
    const { handle, entries } = setup({ answers: [{ ok: false, failure: 'unconfirmed', attempts: 2, detail: 'timeout' }] });
    const response = await handle(jsonRequest(FORM));
    expect(response.status).toBe(504);
    const body = await response.json();
    expect(body).toEqual({ ok: false, message: expect.stringContaining('could not confirm'), phone: '(801) 555-0142' });
    expect(body.message).toContain('Sending it again will not send it twice');
    expect(body.message).toContain('(801) 555-0142');
    expect(body.message).not.toMatch(/NOT sent|has been sent/);
    expect(entries).toEqual([{ id: LOG_ID, outcome: 'unconfirmed', status: 504, via: 'resend', attempts: 2, detail: 'timeout' }]);
  });

  test('without JavaScript: the error page says the same', async () => {
    const { handle } = setup({ answers: [{ ok: false, failure: 'unconfirmed', attempts: 2, detail: 'timeout' }] });
    const response = await handle(formRequest(FORM));
    expect(response.status).toBe(504);
    const html = await response.text();
    expect(html).toContain('<h1>We could not confirm your inquiry</h1>');
    expect(html).toContain('Sending it again will not send it twice');
    expect(html).toContain('href="tel:+18015550142"');
    expect(html).not.toContain('NOT sent');
  });
});

describe('when email cannot be sent, the visitor is told it was NOT sent, with the phone number', () => {
  test.each([
    ['unavailable', 503, 'not responding'],
    ['refused', 502, 'refused it'],
    ['conflict', 409, 'already sent with different answers'],
  ] as const)('%s → %i', async (failure, status, words) => {
    const { handle, entries } = setup({ answers: [{ ok: false, failure, attempts: 3, detail: 'internal_server_error 500' }] });
    const response = await handle(jsonRequest(FORM));
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.ok).toBe(false);
    expect(body.message).toContain('NOT sent');
    expect(body.message).toContain(words);
    expect(body.message).toContain('(801) 555-0142');
    expect(body.phone).toBe('(801) 555-0142');
    expect(entries).toEqual([
      { id: LOG_ID, outcome: `not-sent-${failure}`, status, via: 'resend', attempts: 3, detail: 'internal_server_error 500' },
    ]);
  });

  test('the form gets an error page with the phone link and a way back', async () => {
    const { handle } = setup({ answers: [{ ok: false, failure: 'unavailable', attempts: 3, detail: 'timeout' }] });
    const response = await handle(formRequest(FORM));
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain('<h1>Your inquiry was not sent</h1>');
    expect(html).toContain('NOT sent');
    expect(html).toContain('href="tel:+18015550142"');
    expect(html).toContain('href="/contact/"');
    // It looks like the site: its header with the practice's name, its footer links.
    expect(html).toContain('<header><p><a href="/">Test Music Therapy</a></p></header>');
    expect(html).toMatch(/<footer>.*href="\/privacy\/".*<\/footer>/);
  });

  test('missing configuration → 503 and one log line naming the variable', async () => {
    const { handle, entries } = setup({ env: () => undefined });
    const response = await handle(formRequest(FORM), { deploy: { context: 'production' } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('our contact form is not working right now. Please call us at (801) 555-0142.');
    expect(entries).toEqual([{ id: LOG_ID, outcome: 'misconfigured', status: 503, problems: ['RESEND_API_KEY is missing', 'CONTACT_TO is missing', 'CONTACT_FROM is missing'] }]);
  });

  test('a send that throws → 503, not a crash', async () => {
    const { handle, entries } = setup({
      send: () => {
        throw new Error('boom');
      },
    });
    const response = await handle(jsonRequest(FORM));
    expect(response.status).toBe(503);
    expect(entries[0]).toMatchObject({ outcome: 'internal-error' });
  });

  test('unreadable site settings still give a readable answer', async () => {
    const { handle } = setup({
      siteFacts: () => {
        throw new Error('settings.json is broken');
      },
    });
    const response = await handle(jsonRequest({ ...FORM, email: 'bad' }));
    expect(response.status).toBe(422);
  });
});

test('logs never contain what the visitor typed', async () => {
  const secret = {
    name: 'Unique Testperson',
    email: 'unique.testperson@example.com',
    phone: '(801) 555-0177',
    message: 'A very distinctive message about our situation',
  };
  const { handle, entries } = setup({ answers: [{ ok: true, messageId: 'm', attempts: 1 }, { ok: false, failure: 'refused', attempts: 1, detail: 'validation_error 422' }] });
  await handle(formRequest({ ...FORM, ...secret }));
  await handle(jsonRequest({ ...FORM, ...secret }));
  await handle(jsonRequest({ ...FORM, ...secret, email: 'x' }));
  await handle(formRequest({ ...FORM, ...secret, website: 'spam' }));
  const logged = JSON.stringify(entries);
  expect(entries).toHaveLength(4);
  for (const value of Object.values(secret)) expect(logged).not.toContain(value);
});

test('a duplicate is logged as one, without the "saved in" news of a new inquiry', async () => {
  const savedTo = '/tmp/outbox/2026-11-27T10-00-00Z-contact-key.eml';
  const { handle, entries } = setup({ answers: [{ ok: true, messageId: 'm-1', attempts: 1, duplicate: true, savedTo }] });
  expect((await handle(formRequest(FORM))).status).toBe(303);
  expect(entries).toEqual([{ id: LOG_ID, outcome: 'sent', status: 303, via: 'resend', attempts: 1, messageId: 'm-1', duplicate: true, savedTo}]);
});

describe('the setting is one of the locations, which name it in the email', () => {
  const withDraft = async () => ({ ok: true as const, choices: [...LOCATIONS, { value: 'hospital', label: 'At the hospital' }] });

  test('a location that is a draft is still accepted (a page from an older build may offer it)', async () => {
    const { handle, sent } = setup({ readLocations: withDraft });
    expect((await handle(formRequest({ ...FORM, setting: 'hospital' }))).status).toBe(303);
    expect(sent[0]?.email.subject).toBe('Website inquiry from Test Parent (At the hospital)');
  });

  test('an unknown setting is refused with the question\'s own message', async () => {
    const { handle, sent } = setup({ readLocations: withDraft });
    const response = await handle(jsonRequest({ ...FORM, setting: 'moon' }));
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toMatchInlineSnapshot(`
      {
        "setting": "Choose where you would like sessions, or "Not sure yet"",
      }
    `);
    expect(sent).toHaveLength(0);
  });

  test('when the list cannot be read, the inquiry is delivered anyway, the setting named by its id, and the log says why', async () => {
    const { handle, sent, entries } = setup({ readLocations: async () => ({ ok: false, problem: 'ENOENT' }) });
    expect((await handle(formRequest({ ...FORM, setting: 'school' }))).status).toBe(303);
    expect(sent[0]?.email.subject).toBe('Website inquiry from Test Parent (school)');
    expect(sent[0]?.email.text).toContain('Setting: school');
    expect(entries).toEqual([
      {
        id: LOG_ID,
        outcome: 'sent',
        status: 303,
        via: 'resend',
        attempts: 1,
        messageId: 'msg-1',
        warning: 'location list unreadable (ENOENT): settings named by their ids',
      },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Test Parent|test@example\.com|555-0123/);
  });

  test('…but still refuses a setting that cannot be an id, and keeps "not sure" as the default', async () => {
    const { handle, sent } = setup({ readLocations: async () => ({ ok: false, problem: 'EACCES' }) });
    expect((await handle(jsonRequest({ ...FORM, setting: '<b>moon</b>' }))).status).toBe(422);
    expect((await handle(jsonRequest({ ...FORM, setting: '' }))).status).toBe(200);
    expect(sent[0]?.email.text).toContain('Setting: Not sure yet');
  });
});
