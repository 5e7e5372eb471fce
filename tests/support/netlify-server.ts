/**
 * The production build served as Netlify serves it, for `npm run serve`, the browser tests and the
 * quality gates. `NetlifyDev` (@netlify/dev, the emulator under `netlify dev`) serves dist/ (the
 * publish folder in netlify.toml) with netlify.toml's [[headers]] set on each response. The contact
 * function is the deploy's artifact: netlify/functions/ bundled once by Netlify's own bundler
 * (function-bundle.ts), imported, and called at its `config.path` for every method (it answers 405
 * itself), in the `dev` deploy context, with this process's environment read per request.
 * NetlifyDev's own function runner is not used: it bundles afresh for every call, a cold start of
 * seconds, in a folder that overlapping calls share and the first to finish deletes.
 *
 * Added to NetlifyDev: it answers `undefined` for a path it does not serve, where Netlify's CDN
 * answers 404 with the site's 404.html. Not emulated, and not needed by the tests: compression (byte
 * budgets are measured from dist/) and the redirect of /about to /about/ (pages link to the slash form).
 *
 * Run: node tests/support/netlify-server.ts [port]   (or PORT; default 4322)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NetlifyDev } from '@netlify/dev';
import { bundledModule, bundleFunctions } from './function-bundle.ts';

export interface NetlifyServer {
  readonly url: string;
  close(): Promise<void>;
}

type Handler = (request: Request, context: object) => Promise<Response>;
type Route = { literal?: string; expression?: string; methods?: string[] };

/** The functions of one bundle, made in a temporary folder outside the repository, each with the routes its `config` declares. */
async function bundledFunctions(folder: string): Promise<{ routes: Route[]; handler: Handler }[]> {
  return Promise.all(
    (await bundleFunctions(folder)).map(async (bundle) => ({
      routes: (bundle.routes ?? []) as Route[],
      handler: ((await import(pathToFileURL(bundledModule(bundle)).href)) as { default: Handler }).default,
    })),
  );
}

const matches = (route: Route, path: string, method = 'GET') =>
  (route.literal === path || (route.expression !== undefined && new RegExp(route.expression).test(path))) && (!route.methods?.length || route.methods.includes(method));

/** The request as the function receives it; its body read in full first, as Netlify's runtime does. */
async function webRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) for (const item of [value ?? []].flat()) headers.append(name, item);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
}

/** Starts the site on `port` (0: any free port). Resolves once the contact function is bundled and loaded. */
export async function startNetlifyServer(port = 0): Promise<NetlifyServer> {
  const netlify = new NetlifyDev({
    // Offline, as an unlinked site: never reads a developer's Netlify login or touches .gitignore.
    apiToken: '',
    skipGitignore: true,
    // Static files, headers and redirects only; the others start local services or call Netlify's API.
    aiGateway: { enabled: false },
    blobs: { enabled: false },
    database: { enabled: false },
    edgeFunctions: { enabled: false },
    functions: { enabled: false },
    geolocation: { enabled: false },
    images: { enabled: false },
    serverAddress: null,
  });
  const bundleFolder = mkdtempSync(join(tmpdir(), 'netlify-functions-'));
  const [functions] = await Promise.all([bundledFunctions(bundleFolder), netlify.start()]);

  const server = createServer(async (req, res) => {
    try {
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      const path = new URL(req.url ?? '/', origin).pathname;
      const handler = functions.find(({ routes }) => routes.some((route) => matches(route, path, req.method)))?.handler;
      let response = handler
        ? await handler(await webRequest(req, origin), { deploy: { context: 'dev' }, ip: req.socket.remoteAddress ?? '' })
        : (await netlify.handleAndIntrospectNodeRequest(req))?.response;
      if (!response) {
        const page = await netlify.handle(new Request(new URL('/404.html', origin)));
        response = new Response(page?.body ?? 'Not found', { status: 404, headers: page?.headers });
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(`netlify-server: ${req.method} ${req.url} failed:`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    }
  });
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;

  return {
    url,
    close: async () => {
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await netlify.stop();
      rmSync(bundleFolder, { recursive: true, force: true });
    },
  };
}

if (import.meta.main) {
  const { url } = await startNetlifyServer(Number(process.argv[2] ?? process.env.PORT ?? 4322));
  console.log(`Serving dist/ and /api/contact as Netlify would at ${url}`);
}
