/**
 * The production build served by Netlify's own local runtime, for `npm run serve`, the browser
 * tests and the quality gates. `NetlifyDev` (@netlify/dev, the emulator under `netlify dev`) serves
 * dist/ (the publish folder in netlify.toml) with netlify.toml's [[headers]] already set on each
 * response, and runs netlify/functions/contact/ by its own `config` (path and method) in the
 * `dev` deploy context, with this process's environment. This file is only the node:http adapter.
 *
 * The one thing added to NetlifyDev: it answers `undefined` for what it does not serve (an unknown
 * path), where Netlify's CDN answers 404 with the site's 404.html. The function takes every method and
 * answers anything but POST with 405 itself, here as deployed.
 * Not emulated, and not needed by the tests: compression (byte budgets are measured from dist/ in
 * tests/quality/page-weight.ts) and the redirect of /about to /about/ (pages link to the slash form).
 *
 * And one thing held back: requests that can reach the function (anything but GET and HEAD) run
 * one at a time. NetlifyDev bundles the function afresh for every call into a temporary folder it
 * deletes when that call ends, and hands calls less than 300 ms apart one shared bundle: the first
 * call to finish deletes the folder under the other, which then answers 500 ("Cannot find module",
 * seen with two browser tests posting at once). Netlify's deployed functions have no such folder.
 *
 * Run: node tests/support/netlify-server.ts [port]   (or PORT; default 4322)
 */
import { createServer } from 'node:http';
import { NetlifyDev } from '@netlify/dev';

export interface NetlifyServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the site on `port` (0: any free port). Resolves once the contact function has been built. */
export async function startNetlifyServer(port = 0): Promise<NetlifyServer> {
  const netlify = new NetlifyDev({
    // Offline, as an unlinked site: never reads a developer's Netlify login or touches .gitignore.
    apiToken: '',
    skipGitignore: true,
    // Only what this site uses; the others start local services or call Netlify's API.
    aiGateway: { enabled: false },
    blobs: { enabled: false },
    database: { enabled: false },
    edgeFunctions: { enabled: false },
    geolocation: { enabled: false },
    images: { enabled: false },
    serverAddress: null,
  });
  await netlify.start();

  let previousCall: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(call: () => Promise<T>): Promise<T> => {
    const result = previousCall.then(call, call);
    previousCall = result.catch(() => undefined);
    return result;
  };

  const server = createServer(async (req, res) => {
    try {
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      const handle = () => netlify.handleAndIntrospectNodeRequest(req);
      let response = (await (req.method === 'GET' || req.method === 'HEAD' ? handle() : oneAtATime(handle)))?.response;
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

  // NetlifyDev bundles the function on its first call, which takes several seconds on a busy
  // 2-core machine: pay that once here rather than inside a test's time limit.
  console.log('netlify-server: building the contact function with a first call that carries no inquiry (answered 400)');
  await fetch(`${url}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"warm-up"' });

  return {
    url,
    close: async () => {
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await netlify.stop();
    },
  };
}

if (import.meta.main) {
  const { url } = await startNetlifyServer(Number(process.argv[2] ?? process.env.PORT ?? 4322));
  console.log(`Serving dist/ and /api/contact through Netlify's local runtime at ${url}`);
}
