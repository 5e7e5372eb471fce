import { describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES, bodyFormatOf, parseBody } from '../../../src/lib/contact/parse-body.ts';

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

describe('bodyFormatOf', () => {
  test.each([
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['Application/JSON;charset="UTF-8"', 'json'],
    ['application/x-www-form-urlencoded', 'form'],
    ['application/x-www-form-urlencoded; charset=UTF-8', 'form'],
    ['application/json; charset=iso-8859-1', undefined],
    ['multipart/form-data; boundary=x', undefined],
    ['text/plain', undefined],
    ['application/jsonx', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s → %s', (contentType, expected) => {
    expect(bodyFormatOf(contentType)).toBe(expected);
  });
});

describe('parseBody', () => {
  test('reads a url-encoded form, including non-ASCII text', async () => {
    const result = await parseBody(post('name=Zo%C3%AB+Test&message=Hi%0D%0Athere', 'application/x-www-form-urlencoded'));
    expect(result).toEqual({ ok: true, format: 'form', fields: { name: 'Zoë Test', message: 'Hi\r\nthere' } });
  });

  test('a form field posted twice becomes a list, which validation will refuse', async () => {
    const result = await parseBody(post('setting=school&setting=studio', 'application/x-www-form-urlencoded'));
    expect(result).toEqual({ ok: true, format: 'form', fields: { setting: ['school', 'studio'] } });
  });

  test('a form field called __proto__ stays a plain field', async () => {
    const result = await parseBody(post('__proto__=x&name=a', 'application/x-www-form-urlencoded'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Object.getPrototypeOf(result.fields)).toBe(Object.prototype);
      expect(Object.keys(result.fields)).toEqual(['__proto__', 'name']);
    }
  });

  test('reads a JSON object', async () => {
    expect(await parseBody(post('{"name":"Test"}', 'application/json; charset=utf-8'))).toEqual({
      ok: true,
      format: 'json',
      fields: { name: 'Test' },
    });
  });

  test.each([
    ['broken JSON', '{"name":'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"hello"'],
    ['JSON null', 'null'],
    ['an empty body', ''],
  ])('refuses %s as malformed', async (_label, body) => {
    expect(await parseBody(post(body, 'application/json'))).toEqual({ ok: false, problem: 'malformed' });
  });

  test('refuses bytes that are not UTF-8 as malformed', async () => {
    expect(await parseBody(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'application/json'))).toEqual({ ok: false, problem: 'malformed' });
  });

  test.each([['text/plain'], ['multipart/form-data; boundary=x'], [undefined]])('refuses content type %s', async (type) => {
    expect(await parseBody(post('name=x', type))).toEqual({ ok: false, problem: 'unsupported-type' });
  });

  test('accepts a body of exactly the limit', async () => {
    const result = await parseBody(post(`message=${'a'.repeat(MAX_BODY_BYTES - 'message='.length)}`, 'application/x-www-form-urlencoded'));
    expect(result.ok).toBe(true);
  });

  test('refuses a body one byte over the limit', async () => {
    const result = await parseBody(post(`message=${'a'.repeat(MAX_BODY_BYTES - 'message='.length + 1)}`, 'application/x-www-form-urlencoded'));
    expect(result).toEqual({ ok: false, problem: 'too-large' });
  });

  test('counts a streamed body with no Content-Length while reading', async () => {
    const request = post(streamOf(MAX_BODY_BYTES * 4), 'application/x-www-form-urlencoded');
    expect(request.headers.get('content-length')).toBeNull();
    expect(await parseBody(request)).toEqual({ ok: false, problem: 'too-large' });
  });

  test('does not believe a Content-Length that understates the body', async () => {
    const request = post(streamOf(MAX_BODY_BYTES + 10), 'application/x-www-form-urlencoded', { 'content-length': '10' });
    expect(await parseBody(request)).toEqual({ ok: false, problem: 'too-large' });
  });

  test('refuses early when Content-Length already says too much', async () => {
    const request = post('small', 'application/json', { 'content-length': String(MAX_BODY_BYTES * 10) });
    expect(await parseBody(request)).toEqual({ ok: false, problem: 'too-large' });
  });

  test('a body stream that breaks mid-way is malformed, not a crash', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('name='));
        controller.error(new Error('connection reset'));
      },
    });
    expect(await parseBody(post(broken, 'application/x-www-form-urlencoded'))).toEqual({ ok: false, problem: 'malformed' });
  });
});
