/** An inquiry is a few kilobytes; anything near this is not a person typing. */
export const MAX_BODY_BYTES = 32 * 1024;

/** How the body came: `form` from the no-JavaScript form post, `json` from the form's script. */
export type BodyFormat = 'form' | 'json';

/**
 * The form has about a dozen fields. A body with many more is not from it, and refusing it before
 * validation keeps every answer fast: validation and error collection grow with the field count.
 */
export const MAX_FIELDS = 50;

export type BodyProblem = 'unsupported-type' | 'too-large' | 'malformed' | 'too-many-fields';

export type ParsedBody =
  | { readonly ok: true; readonly format: BodyFormat; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problem: BodyProblem };

const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * The body format named by a Content-Type header, or undefined for anything else (multipart,
 * text/plain, a charset other than UTF-8). Parameters are allowed: `application/json; charset=utf-8`.
 */
export function bodyFormatOf(contentType: string | null): BodyFormat | undefined {
  if (!contentType) return undefined;
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  for (const parameter of parameters) {
    const [name, rawValue = ''] = parameter.split('=').map((part) => part.trim());
    if (name === 'charset' && !UTF8_CHARSETS.has(rawValue.replace(/^"|"$/g, ''))) return undefined;
  }
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

/**
 * Reads at most `limit` bytes of the body, counting while reading: Content-Length is only a quick
 * early refusal, because chunked bodies have none and a client can lie about it.
 */
export async function readLimitedText(
  request: Request,
  limit: number,
): Promise<{ readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: 'too-large' | 'malformed' }> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, problem: 'too-large' };
  }
  if (!request.body) return { ok: true, text: '' };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, problem: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    // The client went away mid-body, or the stream broke: there is no inquiry to read.
    return { ok: false, problem: 'malformed' };
  }

  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, problem: 'malformed' };
  }
}

type FieldsOrProblem = Record<string, unknown> | 'malformed' | 'too-many-fields';

/**
 * Form fields as an object; a name posted twice becomes a list (which the schema then rejects).
 * Counted while reading, and lists grow in place, so a body of repeated names costs linear time.
 */
function formFields(text: string): FieldsOrProblem {
  const fields = new Map<string, string | string[]>();
  let count = 0;
  for (const [name, value] of new URLSearchParams(text)) {
    if (++count > MAX_FIELDS) return 'too-many-fields';
    const previous = fields.get(name);
    if (previous === undefined) fields.set(name, value);
    else if (Array.isArray(previous)) previous.push(value);
    else fields.set(name, [previous, value]);
  }
  // fromEntries defines own properties, so a field called "__proto__" stays a plain field.
  return Object.fromEntries(fields);
}

function jsonFields(text: string): FieldsOrProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'malformed';
  if (Object.keys(value).length > MAX_FIELDS) return 'too-many-fields';
  return value as Record<string, unknown>;
}

/** Checks the content type, reads the body within the limit and turns it into named fields. */
export async function parseBody(request: Request): Promise<ParsedBody> {
  const format = bodyFormatOf(request.headers.get('content-type'));
  if (!format) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, problem: 'unsupported-type' };
  }
  const body = await readLimitedText(request, MAX_BODY_BYTES);
  if (!body.ok) return body;
  const fields = format === 'json' ? jsonFields(body.text) : formFields(body.text);
  if (typeof fields === 'string') return { ok: false, problem: fields };
  return { ok: true, format, fields };
}
