/**
 * Serves the production build as Netlify would, for browser tests and audits: files from dist/
 * with netlify.toml's headers, text compressed (brotli or gzip, as the client accepts), the 404
 * page for unknown paths, and POST /api/contact handed to the contact function's default export as
 * a web Request.
 *
 * Run: node tests/support/server.ts [port]   (PORT env var also works; default 4322)
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { encode, isCompressibleType, negotiateEncoding } from './compression.ts';
import { headersFor, loadHeaderRules } from './netlify-headers.ts';

const DIST = resolve('dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

type ContactFunction = (request: Request, context: unknown) => Promise<Response>;
let contactFunction: Promise<ContactFunction> | undefined;

/** Loaded on first use, so the static site can be served before the function exists. */
function loadContactFunction(): Promise<ContactFunction> {
  contactFunction ??= import('../../netlify/functions/contact/index.ts').then((module) => module.default as ContactFunction);
  return contactFunction;
}

async function fileFor(pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined; // A malformed escape such as "/%" names no file.
  }
  const safe = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(DIST, safe);
  if (!candidate.startsWith(DIST)) return undefined;
  for (const path of [candidate, join(candidate, 'index.html')]) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) return path;
  }
  return undefined;
}

/** Netlify's own limit for a function's request body is 6 MB; the local server stops at 1 MB. */
const MAX_FUNCTION_BODY_BYTES = 1024 * 1024;

/** The whole body, as Netlify hands it to a function; undefined when it is over the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FUNCTION_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A web Request with the body already read: a streamed body (Readable.toWeb) crashes the process
 * when the function answers without reading it, e.g. a 415 or 413 (Node pushes into a cancelled stream).
 */
function toWebRequest(req: IncomingMessage, origin: string, body: Buffer | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body: hasBody && body ? new Uint8Array(body) : undefined });
}

async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startServer(port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const rules = await loadHeaderRules();
  const server = createServer(async (req, res) => {
    const origin = `http://${req.headers.host ?? `localhost:${port}`}`;
    const { pathname } = new URL(req.url ?? '/', origin);
    try {
      // The function's config routes only POST to it (method: 'POST'); other methods reach the CDN, as on Netlify.
      if (pathname === '/api/contact' && req.method === 'POST') {
        const handler = await loadContactFunction();
        const context = { ip: req.socket.remoteAddress ?? '', requestId: crypto.randomUUID() };
        const body = await readBody(req);
        if (!body) {
          res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Request body too large');
          return;
        }
        await sendWebResponse(res, await handler(toWebRequest(req, origin, body), context));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      // Netlify redirects a directory path without its slash to the canonical one.
      if (!pathname.endsWith('/') && !extname(pathname) && (await fileFor(`${pathname}/`))) {
        res.writeHead(301, { Location: `${pathname}/` }).end();
        return;
      }
      const file = await fileFor(pathname);
      const path = file ?? join(DIST, '404.html');
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      // Like Netlify's CDN, text goes out compressed when the client accepts it.
      const encoding = isCompressibleType(type) ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
      const content = await readFile(path);
      const body = encoding ? encode(content, encoding) : content;
      res.writeHead(file ? 200 : 404, {
        'Content-Type': type,
        'Content-Length': String(body.byteLength),
        ...(isCompressibleType(type) ? { Vary: 'Accept-Encoding' } : {}),
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
        ...headersFor(rules, pathname),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      console.error(`server: ${req.method} ${pathname} failed:`, error instanceof Error ? error.message : error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Internal error');
    }
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

if (import.meta.main) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 4322);
  const { url } = await startServer(port);
  console.log(`Serving dist/ at ${url} (netlify.toml headers, /api/contact -> netlify/functions/contact/)`);
}
