import { describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES, botSign, isSameOrigin, readFields } from '../../../netlify/functions/contact/request.ts';

/** What arrived: where from, whether it is a body we read, and whether a person sent it. */

describe('isSameOrigin', () => {
  function bare(headers: Record<string, string>, url = 'https://www.example.com/api/contact'): Request {
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
    expect(isSameOrigin(bare(headers))).toBe(expected);
  });

  test('compares with the host the request was made to', () => {
    expect(isSameOrigin(bare({ origin: 'http://localhost:4321' }, 'http://localhost:4321/api/contact'))).toBe(true);
    expect(isSameOrigin(bare({ origin: 'http://localhost:4321' }, 'http://localhost:8888/api/contact'))).toBe(false);
  });
});

function post(body: BodyInit | null, contentType: string | undefined, headers: Record<string, string> = {}): Request {
  return new Request('https://www.example.com/api/contact', {
    method: 'POST',
    body,
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
    // Needed for streamed bodies.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** A chunked body with no Content-Length, as a client that does not declare its size sends. */
function streamOf(totalBytes: number, chunkBytes = 4096): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - sent);
      sent += size;
      controller.enqueue(new TextEncoder().encode('a'.repeat(size)));
    },
  });
}

describe('the body formats read', () => {
  test.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON;charset="UTF-8"', true],
    ['application/x-www-form-urlencoded; charset=UTF-8', true],
    ['application/json; charset=iso-8859-1', false],
    ['multipart/form-data; boundary=x', false],
    ['text/plain', false],
    ['application/jsonx', false],
    [undefined, false],
  ])('%s → %s', async (contentType, read) => {
    const body = contentType?.toLowerCase().includes('json') ? '{"name":"x"}' : 'name=x';
    expect(await readFields(post(body, contentType))).toEqual(read ? { name: 'x' } : 'unsupported-type');
  });
});

describe('readFields', () => {
  test('reads a url-encoded form, including non-ASCII text', async () => {
    const result = await readFields(post('name=Zo%C3%AB+Test&message=Hi%0D%0Athere', 'application/x-www-form-urlencoded'));
    expect(result).toEqual({ name: 'Zoë Test', message: 'Hi\r\nthere' });
  });

  test('a form field posted twice becomes a list, which validation will refuse', async () => {
    const result = await readFields(post('setting=school&setting=studio', 'application/x-www-form-urlencoded'));
    expect(result).toEqual({ setting: ['school', 'studio'] });
  });

  test('a form field called __proto__ stays a plain field', async () => {
    const result = await readFields(post('__proto__=x&name=a', 'application/x-www-form-urlencoded'));
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__', 'name']);
  });

  const manyFields = (count: number) => Array.from({ length: count }, (_, i) => [`field${i}`, 'x']);
  test.each([
    ['a form', (count: number) => post(new URLSearchParams(manyFields(count)).toString(), 'application/x-www-form-urlencoded')],
    ['a form repeating one name', (count: number) => post('a=1&'.repeat(count), 'application/x-www-form-urlencoded')],
    ['JSON', (count: number) => post(JSON.stringify(Object.fromEntries(manyFields(count))), 'application/json')],
  ])('%s: 50 fields are read, 51 are refused', async (_label, request) => {
    expect(await readFields(request(50))).toBeTypeOf('object');
    expect(await readFields(request(51))).toBe('too-many-fields');
  });

  test('reads a JSON object', async () => {
    expect(await readFields(post('{"name":"Test"}', 'application/json; charset=utf-8'))).toEqual({ name: 'Test' });
  });

  test.each([
    ['broken JSON', '{"name":'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"hello"'],
    ['JSON null', 'null'],
    ['an empty body', ''],
  ])('refuses %s as malformed', async (_label, body) => {
    expect(await readFields(post(body, 'application/json'))).toBe('malformed');
  });

  test('refuses bytes that are not UTF-8 as malformed', async () => {
    expect(await readFields(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'application/json'))).toBe('malformed');
  });

  test('accepts a body of exactly the limit', async () => {
    const result = await readFields(post(`message=${'a'.repeat(MAX_BODY_BYTES - 'message='.length)}`, 'application/x-www-form-urlencoded'));
    expect(result).toBeTypeOf('object');
  });

  test('refuses a body one byte over the limit', async () => {
    const result = await readFields(post(`message=${'a'.repeat(MAX_BODY_BYTES - 'message='.length + 1)}`, 'application/x-www-form-urlencoded'));
    expect(result).toBe('too-large');
  });

  test('counts a streamed body with no Content-Length while reading', async () => {
    const request = post(streamOf(MAX_BODY_BYTES * 4), 'application/x-www-form-urlencoded');
    expect(request.headers.get('content-length')).toBeNull();
    expect(await readFields(request)).toBe('too-large');
  });

  test('does not believe a Content-Length that understates the body', async () => {
    const request = post(streamOf(MAX_BODY_BYTES + 10), 'application/x-www-form-urlencoded', { 'content-length': '10' });
    expect(await readFields(request)).toBe('too-large');
  });

  test('refuses early when Content-Length already says too much', async () => {
    const request = post('small', 'application/json', { 'content-length': String(MAX_BODY_BYTES * 10) });
    expect(await readFields(request)).toBe('too-large');
  });

  test('a body stream that breaks mid-way is malformed, not a crash', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('name='));
        controller.error(new Error('connection reset'));
      },
    });
    expect(await readFields(post(broken, 'application/x-www-form-urlencoded'))).toBe('malformed');
  });
});

describe('botSign', () => {
  test.each([
    ['a person without JavaScript (no fillMs)', {}, undefined],
    ['an empty honeypot', { website: '' }, undefined],
    ['a honeypot of spaces', { website: '   ' }, undefined],
    ['a filled honeypot', { website: 'https://spam.example' }, 'honeypot'],
    ['a honeypot filled with JSON data', { website: { a: 1 } }, 'honeypot'],
    ['a honeypot of false (JSON)', { website: false }, 'honeypot'],
    ['sent 1 s after the form appeared', { fillMs: 1000 }, 'too-fast'],
    ['sent instantly, fillMs as a form string', { fillMs: '0' }, 'too-fast'],
    ['sent after 2.999 s', { fillMs: 2999 }, 'too-fast'],
    ['sent after 3 s', { fillMs: 3000 }, undefined],
    ['sent after a minute', { fillMs: '60000' }, undefined],
    ['fillMs is negative', { fillMs: -5 }, undefined],
    ['fillMs is nonsense', { fillMs: 'yesterday' }, undefined],
    ['fillMs is huge', { fillMs: '9'.repeat(40) }, undefined],
    ['honeypot wins over timing', { website: 'x', fillMs: 60_000 }, 'honeypot'],
  ])('%s → %s', (_label, fields, expected) => {
    expect(botSign(fields)).toBe(expected);
  });
});
