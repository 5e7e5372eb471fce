import { FILL_TIME_FIELD, HONEYPOT_FIELD, MINIMUM_FILL_TIME_MS } from '../../../src/lib/contact/fields.ts';

/**
 * What arrived, before any answer is judged: whether our own page sent it (origin), whether it is
 * a body we read at all (type, size, number of fields), and whether a person filled it in
 * (honeypot, fill time).
 */

/**
 * Refuses posts another site's page makes a browser send (CSRF): `Sec-Fetch-Site` decides when
 * present, else `Origin` must name this host (by host only: behind a proxy the scheme may differ).
 * With neither it is not a browser, and has no visitor session to abuse.
 */
export function isSameOriginPost(request: Request): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null) {
    const site = fetchSite.trim().toLowerCase();
    return site === 'same-origin' || site === 'none';
  }
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  try {
    return new URL(origin).host === new URL(request.url).host;
  } catch {
    // "null", or anything else that is not a URL.
    return false;
  }
}

/** An inquiry is a few kilobytes; anything near this is not a person typing. */
export const MAX_BODY_BYTES = 32 * 1024;

/** The form has about a dozen fields; refusing many more before validation keeps every answer fast. */
const MAX_FIELDS = 50;

export type BodyProblem = 'unsupported-type' | 'too-large' | 'malformed' | 'too-many-fields';

export type Fields = Readonly<Record<string, unknown>>;

const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/** The body format a Content-Type names, or undefined for anything else (multipart, another charset). */
export function bodyFormatOf(contentType: string | null): 'form' | 'json' | undefined {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=').map((part) => part.trim());
    if (name === 'charset' && !UTF8_CHARSETS.has(value.replace(/^"|"$/g, ''))) return undefined;
  }
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

/** The body as UTF-8 text, counted while read: a chunked body has no Content-Length, and a client can lie. */
async function readText(request: Request): Promise<string | 'too-large' | 'malformed'> {
  if (Number(request.headers.get('content-length')) > MAX_BODY_BYTES) {
    await request.body?.cancel().catch(() => undefined);
    return 'too-large';
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of request.body ?? []) {
      size += chunk.byteLength;
      // Leaving the loop cancels the rest of the upload.
      if (size > MAX_BODY_BYTES) return 'too-large';
      chunks.push(chunk);
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    // Not UTF-8, or the client went away mid-body: there is no inquiry to read.
    return 'malformed';
  }
}

/**
 * Form fields as an object; a name posted twice becomes a list (which validation refuses).
 * URLSearchParams is what `request.formData()` runs for this type, without its unbounded second read.
 */
function formFields(text: string): Fields | 'too-many-fields' {
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

function jsonFields(text: string): Fields | 'malformed' | 'too-many-fields' {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'malformed';
  return Object.keys(value).length > MAX_FIELDS ? 'too-many-fields' : (value as Fields);
}

/** Checks the content type, reads the body within the limit and turns it into named fields. */
export async function readFields(request: Request): Promise<{ readonly ok: true; readonly fields: Fields } | { readonly ok: false; readonly problem: BodyProblem }> {
  const format = bodyFormatOf(request.headers.get('content-type'));
  // A compressed body (gzip) is a format the form never sends: 415, as HTTP says, not unreadable bytes.
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase();
  if (!format || (encoding && encoding !== 'identity')) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, problem: 'unsupported-type' };
  }
  const text = await readText(request);
  if (text === 'too-large' || text === 'malformed') return { ok: false, problem: text };
  const fields = format === 'json' ? jsonFields(text) : formFields(text);
  return typeof fields === 'string' ? { ok: false, problem: fields } : { ok: true, fields };
}

/** Why a post looks automated, or undefined when it looks like a person. */
export type BotSign = 'honeypot' | 'too-fast';

/**
 * Any value in the hidden honeypot is a bot; so is a fill time (set by the form's script) under the
 * minimum, which the script itself never sends. A nonsense fill time is ignored, not held against a person.
 */
export function botSignOf(fields: Fields): BotSign | undefined {
  // A form posted twice over (`website=&website=`) sends the empty trap as a list of blanks.
  const traps = [fields[HONEYPOT_FIELD]].flat();
  if (traps.some((trap) => trap !== undefined && trap !== null && !(typeof trap === 'string' && trap.trim() === ''))) return 'honeypot';

  const fill = fields[FILL_TIME_FIELD];
  const fillMs = typeof fill === 'number' ? fill : typeof fill === 'string' && /^\d{1,16}$/.test(fill.trim()) ? Number(fill) : NaN;
  if (Number.isSafeInteger(fillMs) && fillMs >= 0 && fillMs < MINIMUM_FILL_TIME_MS) return 'too-fast';
  return undefined;
}
