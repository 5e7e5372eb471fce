import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderInquiryEmail } from '../../../netlify/functions/contact/email.ts';
import type { Inquiry } from '../../../netlify/functions/contact/inquiry.ts';
import type { ScriptedAnswer } from '../../support/resend-stand-in.ts';
import { LOCATIONS, useContactFunction } from './fixtures.ts';
import { CONTENT_TYPES, formBody, hostileRequest, hostileRequestOf, hostileText, nearlyValidFields, type HostileRequest } from './hostile-requests.ts';

/**
 * Thousands of hostile requests: random text, unicode, CR/LF and header-injection payloads,
 * HTML and script, wrong types, deep nesting, oversized bodies. Whatever comes in, the function
 * answers with a status it means, never throws, never puts a line break in a header and never
 * lets visitor text out of its HTML escaping.
 */

const { post, sent, standIn } = useContactFunction();

const ALLOWED_STATUS = new Set([200, 303, 400, 403, 405, 409, 413, 415, 422, 502, 503, 504]);

/** Our own tags in the email and error page; anything else starting with "<" would be visitor HTML. */
const OUR_TAGS = /<\/?(?:!doctype html|html|head|meta|title|style|body|header|footer|main|h1|h2|p|div|ul|li|a|table|tr|th|td)(?:\s[^<>]*)?>/gi;

function expectNoRawHtml(html: string) {
  const withoutOurTags = html.replace(/<style>[^<]*<\/style>/g, '').replace(OUR_TAGS, '');
  expect(withoutOurTags).not.toMatch(/[<>]/);
}

async function checkRequest(input: HostileRequest, delivery?: ScriptedAnswer) {
  standIn().reset();
  if (delivery) standIn().script(delivery);
  const response = await post(hostileRequestOf(input));

  expect(ALLOWED_STATUS.has(response.status), `status ${response.status}`).toBe(true);
  if (!delivery) expect(response.status).toBeLessThan(500);
  for (const [name, value] of response.headers) expect(`${name}: ${value}`).not.toMatch(/[\r\n]/);
  expect(response.headers.get('cache-control')).toBe('no-store');

  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('application/json')) expect(() => JSON.parse(text)).not.toThrow();
  if (type.startsWith('text/html')) expectNoRawHtml(text);

  for (const email of sent()) {
    for (const header of [email.from, email.reply_to, email.subject, ...email.to]) {
      expect(header).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    }
    expectNoRawHtml(email.html);
    for (const tag of email.tags) expect(tag.value).toMatch(/^[A-Za-z0-9_-]+$/);
  }
  return { response, sent: sent() };
}

describe('hostile input never breaks the function', () => {
  test('random requests: a meant status, no exception, safe headers, escaped HTML', async () => {
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (input) => {
        await checkRequest(input);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  test('nearly valid inquiries with hostile values reach the email safely', async () => {
    let sentCount = 0;
    await fc.assert(
      fc.asyncProperty(nearlyValidFields, fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), async (fields, contentType) => {
        const body = contentType === 'application/json' ? JSON.stringify(fields) : formBody(fields);
        const { sent } = await checkRequest({ method: 'POST', contentType, body, origin: undefined, fetchSite: undefined });
        sentCount += sent.length;
      }),
      { numRuns: 400 },
    );
    // The property is only meaningful if many of these really were rendered and "sent".
    expect(sentCount).toBeGreaterThan(80);
  }, 120_000);

  test('delivery failures Resend does not retry still answer 409/502/503, never 500', async () => {
    const failure = fc.constantFrom<ScriptedAnswer>(
      { kind: 'error', status: 429, name: 'daily_quota_exceeded' },
      { kind: 'error', status: 422, name: 'validation_error' },
      { kind: 'error', status: 409, name: 'invalid_idempotent_request' },
    );
    await fc.assert(
      fc.asyncProperty(hostileRequest, failure, async (input, delivery) => {
        const { response } = await checkRequest(input, delivery);
        expect(response.status).not.toBe(500);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  test('oversized bodies are refused with 413 whatever their shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 32 * 1024 + 1, max: 200 * 1024 }), fc.constantFrom(...CONTENT_TYPES.slice(0, 4)), async (size, contentType) => {
        const { response } = await checkRequest({ method: 'POST', contentType, body: 'a'.repeat(size), origin: undefined, fetchSite: undefined });
        expect(response.status).toBe(413);
      }),
      { numRuns: 50 },
    );
  });
});

describe('email rendering is safe even for text the schema would have refused', () => {
  test('any strings: one-line headers, escaped HTML, valid tags', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, hostileText, (name, email, message, setting) => {
        // Bypasses validation on purpose: the renderer must not rely on it.
        const inquiry = { name, email, message, setting, contactMethod: 'either', consent: true } as unknown as Inquiry;
        const rendered = renderInquiryEmail(inquiry, { from: 'website@example.com', to: ['studio@example.com'], practiceName: 'Test <Practice>', locations: LOCATIONS });
        for (const header of [rendered.subject, rendered.replyTo]) expect(header).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
        expect(Array.from(rendered.subject).length).toBeLessThanOrEqual(150);
        expectNoRawHtml(rendered.html);
        for (const tag of rendered.tags) expect(tag.value).toMatch(/^[A-Za-z0-9_-]+$/);
      }),
      { numRuns: 2000 },
    );
  }, 120_000);
});
