import { FILL_TIME_FIELD, HONEYPOT_FIELD, MINIMUM_FILL_TIME_MS } from '../../../src/lib/contact/fields.ts';

/**
 * What arrived, before any answer is judged: whether our own page sent it, whether it is a body
 * we read (type, size, number of fields), and whether a person filled it in.
 */

/** An inquiry is a few kilobytes; anything near this is not a person typing. */
export const MAX_BODY_BYTES = 32 * 1024;
/** The form has about a dozen fields. */
const MAX_FIELDS = 50;

export type Fields = Readonly<Record<string, unknown>>;
export type BodyProblem = 'unsupported-type' | 'too-large' | 'malformed' | 'too-many-fields';

/**
 * Refuses what another site's page makes a browser post (CSRF): `Sec-Fetch-Site` when present,
 * else `Origin` must name this host (a proxy may change the scheme). With neither it is not a browser.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site')?.trim().toLowerCase();
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.get('origin');
  return origin === null || URL.parse(origin)?.host === new URL(request.url).host;
}

/** JSON or a url-encoded form, in UTF-8 and not compressed; anything else is a format the form never sends. */
function formatOf(headers: Headers): 'json' | 'form' | undefined {
  const [type, ...parameters] = (headers.get('content-type') ?? '').toLowerCase().split(';').map((part) => part.trim());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice(8).replace(/^"|"$/g, '');
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  if ((charset && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) || (encoding && encoding !== 'identity')) return undefined;
  return type === 'application/json' ? 'json' : type === 'application/x-www-form-urlencoded' ? 'form' : undefined;
}

/** The body as named fields, read by the platform's own parsers from a stream counted as it arrives (a client can lie about its size). */
export async function readFields(request: Request): Promise<Fields | BodyProblem> {
  const format = formatOf(request.headers);
  if (!format || Number(request.headers.get('content-length')) > MAX_BODY_BYTES) {
    await request.body?.cancel().catch(() => undefined);
    return format ? 'too-large' : 'unsupported-type';
  }
  let size = 0;
  const counted = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, stream) => ((size += chunk.byteLength) > MAX_BODY_BYTES ? stream.error(new RangeError('too large')) : stream.enqueue(chunk)),
    }),
  );
  const body = new Request(request.url, { method: 'POST', headers: request.headers, body: counted ?? null, duplex: 'half' } as RequestInit);
  try {
    if (format === 'form') return formFields(await body.formData());
    const value: unknown = await body.json();
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'malformed';
    return Object.keys(value).length > MAX_FIELDS ? 'too-many-fields' : (value as Fields);
  } catch {
    return size > MAX_BODY_BYTES ? 'too-large' : 'malformed';
  }
}

/** As own properties, so a field called "__proto__" stays a field; a name posted twice becomes a list, which validation refuses. */
function formFields(form: FormData): Fields | 'too-many-fields' {
  const names = [...form.keys()];
  if (names.length > MAX_FIELDS) return 'too-many-fields';
  return Object.fromEntries(Array.from(new Set(names), (name) => [name, form.getAll(name).length > 1 ? form.getAll(name) : form.get(name)]));
}

/** Any value in the hidden trap is a bot; so is a fill time under the minimum, which the page's script never sends. */
export function botSign(fields: Fields): 'honeypot' | 'too-fast' | undefined {
  // A form posted twice over sends the empty trap as a list of blanks.
  const traps = [fields[HONEYPOT_FIELD]].flat();
  if (traps.some((trap) => trap !== undefined && trap !== null && !(typeof trap === 'string' && trap.trim() === ''))) return 'honeypot';
  const fill = fields[FILL_TIME_FIELD];
  const fillMs = typeof fill === 'number' || (typeof fill === 'string' && /^\s*\d{1,16}\s*$/.test(fill)) ? Number(fill) : NaN;
  return fillMs >= 0 && fillMs < MINIMUM_FILL_TIME_MS ? 'too-fast' : undefined;
}
