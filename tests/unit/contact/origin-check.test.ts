import { expect, test } from 'vitest';
import { isSameOriginPost } from '../../../src/lib/contact/origin-check.ts';

function post(headers: Record<string, string>, url = 'https://www.example.com/api/contact'): Request {
  return new Request(url, { method: 'POST', headers });
}

test.each([
  ['our own page (fetch metadata)', { 'sec-fetch-site': 'same-origin', origin: 'https://www.example.com' }, true],
  ['our own page under Referrer-Policy no-referrer (Origin: null)', { 'sec-fetch-site': 'same-origin', origin: 'null' }, true],
  ['typed or bookmarked', { 'sec-fetch-site': 'none' }, true],
  ['another site (fetch metadata)', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, false],
  ['a sibling subdomain', { 'sec-fetch-site': 'same-site', origin: 'https://shop.example.com' }, false],
  ['fetch metadata wins over a matching Origin', { 'sec-fetch-site': 'cross-site', origin: 'https://www.example.com' }, false],
  ['an older browser on our page', { origin: 'https://www.example.com' }, true],
  ['an older browser, scheme differs behind a proxy', { origin: 'http://www.example.com' }, true],
  ['an older browser on another site', { origin: 'https://evil.example' }, false],
  ['another port', { origin: 'https://www.example.com:8443' }, false],
  ['Origin: null without fetch metadata', { origin: 'null' }, false],
  ['a garbage Origin', { origin: 'not a url' }, false],
  ['no browser headers at all (curl, monitoring)', {}, true],
])('%s → %s', (_label, headers, expected) => {
  expect(isSameOriginPost(post(headers))).toBe(expected);
});

test('compares with the host the request was made to', () => {
  expect(isSameOriginPost(post({ origin: 'http://localhost:4321' }, 'http://localhost:4321/api/contact'))).toBe(true);
  expect(isSameOriginPost(post({ origin: 'http://localhost:4321' }, 'http://localhost:8888/api/contact'))).toBe(false);
});
