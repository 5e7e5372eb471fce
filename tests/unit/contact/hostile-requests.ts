import fc from 'fast-check';
import { VALID_INQUIRY } from './fixtures.ts';

/**
 * Hostile requests to the contact function, as fast-check arbitraries: random text, unicode, CR/LF
 * and header-injection payloads, HTML and script, wrong types, deep nesting, for the property
 * tests (handler.property.test.ts).
 */

export interface HostileRequest {
  readonly method: string;
  readonly contentType: string;
  readonly body: string;
  readonly origin: string | undefined;
  readonly fetchSite: string | undefined;
}

const FIELD_NAMES = [...Object.keys(VALID_INQUIRY), 'website', 'submissionId', 'fillMs', '__proto__', 'constructor'];

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'test@example.com\r\nBcc: victim@example.com',
  'Test\r\nSubject: spoofed',
  '\u2028\u2029\u0085\u000b\u000c',
  '\u202Eevil\u202C',
  '\u0000\u0001\u001f\u007f',
  '%0d%0aSet-Cookie: x=y',
  '=?utf-8?q?=0D=0ABcc:victim@example.com?=',
  '😀👨‍👩‍👧‍👦',
  '&lt;already&gt; &amp;',
  ' ',
  '',
];

export const hostileText = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.tuple(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 40 }), fc.constantFrom(...PAYLOADS)).map((parts) => parts.join('')),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, 'yes', 'on') },
);

/** Mostly the real fields (so some posts get as far as sending), sometimes random keys. */
const hostileFields = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 20 })), hostileValue, { maxKeys: 14 });

/** A valid inquiry with some fields replaced by hostile values, so rendering and sending are exercised. */
export const nearlyValidFields = fc
  .record({ changes: fc.dictionary(fc.constantFrom(...FIELD_NAMES), hostileText, { maxKeys: 4 }) })
  .map(({ changes }) => ({ ...VALID_INQUIRY, website: '', ...changes }));

const deepJson = fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
const deepObject = fc.integer({ min: 1, max: 5000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

export const formBody = (fields: Record<string, unknown>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) params.append(name, typeof value === 'string' ? value : JSON.stringify(value) ?? '');
  return params.toString();
};

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=UTF-8',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
];

export const hostileRequest: fc.Arbitrary<HostileRequest> = fc.record({
  method: fc.oneof({ weight: 9, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE') }),
  contentType: fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.string({ maxLength: 60 }).filter((value) => !/[\r\n\0]/.test(value))),
  body: fc.oneof(
    hostileFields.map((fields) => JSON.stringify(fields)),
    hostileFields.map(formBody),
    nearlyValidFields.map((fields) => JSON.stringify(fields)),
    nearlyValidFields.map(formBody),
    fc.string({ unit: 'binary', maxLength: 2000 }),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    deepJson,
    deepObject,
  ),
  origin: fc.option(fc.constantFrom('https://www.example.com', 'https://evil.example', 'null', 'garbage'), { nil: undefined }),
  fetchSite: fc.option(fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'weird'), { nil: undefined }),
});

/** The web Request for one generated case (no body on a GET). */
export function hostileRequestOf(input: HostileRequest): Request {
  const headers: Record<string, string> = { 'content-type': input.contentType };
  if (input.origin) headers.origin = input.origin;
  if (input.fetchSite) headers['sec-fetch-site'] = input.fetchSite;
  const bodyAllowed = input.method !== 'GET';
  return new Request('https://www.example.com/api/contact', { method: input.method, headers, ...(bodyAllowed ? { body: input.body } : {}) });
}
