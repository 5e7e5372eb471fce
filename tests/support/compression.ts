import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * How text is compressed on the wire, shared by the local server (which answers as Netlify's CDN
 * does) and the page-weight budgets (which count what a visitor downloads).
 *
 * Brotli at quality 11: brotli's own default (BROTLI_DEFAULT_QUALITY, also Node's zlib default) and
 * what a CDN serves for files it compresses once and caches. Netlify compresses text on the fly;
 * it may choose a lower level for a cache miss, a few percent larger, so the budgets keep headroom.
 * Already-compressed formats (woff2, webp, avif, png, jpeg) travel as they are and count as they are.
 */
export const BROTLI_QUALITY = constants.BROTLI_DEFAULT_QUALITY;

const TEXT_TYPES = /^(text\/|application\/(json|manifest\+json|xml|javascript)|image\/svg\+xml)/;
const TEXT_EXTENSIONS = /\.(html|css|js|mjs|json|webmanifest|xml|txt|svg)$/i;

/** Whether a response with this Content-Type is sent compressed. */
export function isCompressibleType(contentType: string): boolean {
  return TEXT_TYPES.test(contentType);
}

/** Whether a built file of this name is sent compressed. */
export function isCompressiblePath(path: string): boolean {
  return TEXT_EXTENSIONS.test(path.split(/[?#]/)[0] ?? '');
}

export function brotli(body: Uint8Array): Buffer {
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** Bytes on the wire for a built file: brotli for text, as-is for formats that are already compressed. */
export function transferSize(path: string, body: Uint8Array): number {
  return isCompressiblePath(path) ? brotli(body).byteLength : body.byteLength;
}

/** The encoding the server answers with for a request's Accept-Encoding: br, else gzip, else none. */
export function negotiateEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = (acceptEncoding ?? '').toLowerCase().split(',').map((part) => part.trim().split(';')[0]);
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return undefined;
}

export function encode(body: Uint8Array, encoding: 'br' | 'gzip'): Buffer {
  return encoding === 'br' ? brotli(body) : gzipSync(body, { level: 9 });
}
