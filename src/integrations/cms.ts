/**
 * The content manager at /admin/ (Decap CMS): its page, configuration and scripts live in
 * public/admin/; this integration adds Decap's own files and, under `npm start`, its local mode.
 *
 * - Decap's ready-made bundle (decap-cms.js, its numbered chunks, two .wasm files, the license) is
 *   fetched once from the npm registry by npm itself (`npm pack`, checked against the integrity
 *   pinned below) into node_modules/.cache/, then copied into dist/admin/decap/ by every build and
 *   served from there by `npm start`. Not a dependency in package.json: the `decap-cms` package
 *   also pulls in the ~630 packages needed to build that bundle from source (380 MB, and 338
 *   peer-dependency warnings on every `npm install`), none of which the bundle needs.
 * - A build writes the GitHub repository Netlify builds from (REPOSITORY_URL) into
 *   dist/admin/config.yml, so the owner never edits it.
 * - `npm start` runs decap-server (Decap's local backend: it reads and writes the files on disk)
 *   on a free port bound to 127.0.0.1, started on the first visit to /admin/ and stopped with the
 *   dev server. The browser reaches it through the dev server itself, at /admin/local-backend/, so
 *   the CMS's Content-Security-Policy from netlify.toml (which `npm start` applies too) holds
 *   unchanged, and a busy port never matters.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AstroIntegration } from 'astro';

/** The Decap CMS release served at /admin/decap/, and the npm registry's integrity for its tarball. */
export const DECAP = {
  name: 'decap-cms',
  version: '3.16.3',
  integrity: 'sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==',
} as const;

/** What the browser loads from the package's dist/: the entry, its numbered chunks, the .wasm files and the license. */
export const isBundleFile = (name: string): boolean => /^(\d+\.)?decap-cms\.js$/.test(name) || /^[\w-]+\.wasm$/.test(name) || name === 'decap-cms.js.LICENSE.txt';

/** The path the browser uses for decap-server under `npm start`. */
export const LOCAL_BACKEND_PATH = '/admin/local-backend/api/v1';

const run = promisify(execFile);

/**
 * The folder holding Decap's bundle, fetched on first use: `npm pack` downloads the tarball (or
 * takes it from npm's cache) and checks it against the registry; its sha512 is then checked against
 * the pin above, as package-lock.json does for dependencies. The bundle is assembled beside the
 * cache and renamed into place, with a file holding the pin written last, so a build stopped
 * half-way never leaves a bundle that passes for complete.
 */
async function decapBundle(root: string): Promise<string> {
  const cache = join(root, 'node_modules/.cache');
  const dir = join(cache, `${DECAP.name}-${DECAP.version}`);
  const complete = join(dir, '.integrity');
  if (existsSync(complete) && (await readFile(complete, 'utf8')) === DECAP.integrity) return dir;
  await mkdir(cache, { recursive: true });
  const work = await mkdtemp(join(cache, 'decap-cms-work-'));
  try {
    // Through the npm running this script (npm sets npm_execpath; other package managers set theirs), else the one on PATH.
    const cli = process.env.npm_execpath;
    const npm = cli && /npm-cli\.js$/.test(cli) ? [process.execPath, cli] : ['npm'];
    const spec = `${DECAP.name}@${DECAP.version}`;
    const { stdout } = await run(npm[0]!, [...npm.slice(1), 'pack', spec, '--json', '--pack-destination', work, '--loglevel=error'], { cwd: work, maxBuffer: 64 * 1024 * 1024 }).catch((error: unknown) => {
      throw new Error(`Could not fetch ${spec} (the content manager's files) from the npm registry: ${error instanceof Error ? error.message : error}`);
    });
    const { filename } = (JSON.parse(stdout) as { filename: string }[])[0]!;
    const tarball = join(work, filename);
    const integrity = `sha512-${createHash('sha512').update(await readFile(tarball)).digest('base64')}`;
    if (integrity !== DECAP.integrity) throw new Error(`${spec} from the npm registry does not match the integrity pinned in src/integrations/cms.ts (got ${integrity}).`);
    await run('tar', ['-xzf', tarball, '-C', work, 'package/dist']);
    const unpacked = join(work, 'package/dist');
    const bundle = join(work, 'bundle');
    await mkdir(bundle);
    for (const name of (await readdir(unpacked)).filter(isBundleFile)) await cp(join(unpacked, name), join(bundle, name));
    await writeFile(join(bundle, '.integrity'), DECAP.integrity);
    await rm(dir, { recursive: true, force: true });
    await rename(bundle, dir);
    return dir;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** "owner/name" from Netlify's REPOSITORY_URL (https://github.com/owner/name or git@github.com:owner/name.git), if it is on GitHub. */
export function githubRepository(url: string | undefined): string | undefined {
  return /^(?:https:\/\/(?:[^@/]+@)?|ssh:\/\/git@|git@)github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(url ?? '')?.[1];
}

/**
 * The CMS configuration as deployed: the repository filled in when the build knows it; `warn` says
 * so when a Netlify build does not (a repository elsewhere than GitHub, or none), since the owner
 * would otherwise meet it only as a failed sign-in.
 */
export function deployedConfig(yaml: string, env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = () => undefined): string {
  const repo = githubRepository(env.REPOSITORY_URL);
  if (!repo && env.NETLIFY === 'true') {
    warn(`The content manager signs in to GitHub, but this build's repository is not on GitHub (REPOSITORY_URL: ${env.REPOSITORY_URL || 'not set'}): /admin/ will not work until the site builds from GitHub, or backend.repo is set in public/admin/config.yml.`);
  }
  return repo ? yaml.replace(/^(\s+repo:) .*$/m, `$1 ${repo}`) : yaml;
}

/** The admin page as deployed: on Netlify, the live site's deploy-status badge, so the owner sees whether her last publish went live. */
export function deployedAdminPage(html: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!/^[\w-]+$/.test(env.SITE_ID ?? '')) return html;
  const badge = `<img src="https://api.netlify.com/api/v1/badges/${env.SITE_ID}/deploy-status" alt="Whether the last publish is on the live site (Netlify deploy status)" width="136" height="20" style="position: fixed; left: 8px; bottom: 8px; z-index: 1000">`;
  return html.replace('</body>', `  ${badge}\n  </body>`);
}

/** The CMS configuration for `npm start`: the local backend, reached through the dev server at `origin`. */
export function localConfig(yaml: string, origin: string): string {
  return `${yaml}\n# Added by npm start (src/integrations/cms.ts): edit the files on disk.\nlocal_backend:\n  url: ${origin}${LOCAL_BACKEND_PATH}\n`;
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  await new Promise((closed) => server.close(closed));
  return port;
}

export interface LocalBackend {
  port: number;
  stop(): void;
}

/**
 * Starts decap-server in its file-system mode over `root`, bound to 127.0.0.1 on a free port, and
 * resolves once it answers. Its working folder is its own package, so it never reads the project's .env.
 */
export async function startLocalBackend(root: string, port?: number): Promise<LocalBackend> {
  port ??= await freePort();
  const entry = createRequire(import.meta.url).resolve('decap-server/dist/index.js');
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: dirname(entry),
    // ORIGIN: the only origin its CORS allows, one no page can have, so a page of another local app
    // cannot call it from the browser: the CMS reaches it through the dev server, which checks.
    env: { ...process.env, PORT: String(port), BIND_HOST: '127.0.0.1', ORIGIN: 'http://127.0.0.1:0', MODE: 'fs', GIT_REPO_DIRECTORY: root, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = () => {
    if (child.exitCode === null) child.kill();
  };
  const started = Date.now();
  for (;;) {
    const answer = await fetch(`http://127.0.0.1:${port}/api/v1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' }).catch(() => undefined);
    if (answer?.ok) break;
    if (child.exitCode !== null || Date.now() - started > 30_000) {
      stop();
      throw new Error(`decap-server did not start on 127.0.0.1:${port}:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 150));
  }
  return { port, stop };
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.yml': 'text/yaml; charset=utf-8' };

/** Only this machine's browser, on a localhost address (not another site, nor a name that resolves here). */
function fromThisMachine(req: IncomingMessage): boolean {
  const local = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
  const host = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(req.headers.host ?? '');
  const origin = req.headers.origin === undefined || req.headers.origin === `http://${req.headers.host}`;
  return local && host && origin;
}

/** Forwards one request to decap-server, as it came. */
function forward(req: IncomingMessage, res: ServerResponse, port: number): void {
  const upstream = request({ host: '127.0.0.1', port, path: '/api/v1', method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/json' } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('The local backend (decap-server) is not answering.');
  });
  req.pipe(upstream);
}

export interface CmsOptions {
  /** decap-server's port under `npm start`; a free one by default. */
  localBackendPort?: number;
}

export function cms({ localBackendPort }: CmsOptions = {}): AstroIntegration {
  let root = '';
  let site = '';
  return {
    name: 'cms',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        site = config.site ?? '';
      },
      // Fetched before the pages are built, so a missing bundle stops the build at once.
      'astro:build:start': async () => {
        await decapBundle(root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(new URL('admin/', dir));
        await cp(await decapBundle(root), join(out, 'decap'), { recursive: true, filter: (source) => !source.endsWith('.integrity') });
        const config = join(out, 'config.yml');
        // The content manager links to the live site (its header and "View live" on each entry).
        const links = site ? `\nsite_url: ${site}\ndisplay_url: ${site}\n` : '';
        await writeFile(config, deployedConfig(await readFile(config, 'utf8'), process.env, (message) => logger.warn(message)) + links);
        const page = join(out, 'index.html');
        await writeFile(page, deployedAdminPage(await readFile(page, 'utf8')));
        logger.info(`Content manager: Decap CMS ${DECAP.version} in ${join(out, 'decap')}`);
      },
      'astro:server:setup': ({ server, logger }) => {
        let backend: Promise<LocalBackend> | undefined;
        const localBackend = () => {
          backend ??= startLocalBackend(root, localBackendPort).then(
            (started) => {
              logger.info(`The content manager at /admin/ edits the files in src/content/ (decap-server on 127.0.0.1:${started.port}).`);
              server.httpServer?.once('close', started.stop);
              process.once('exit', started.stop);
              return started;
            },
            (error: unknown) => {
              backend = undefined; // tried again on the next visit
              throw error;
            },
          );
          return backend;
        };
        server.middlewares.use(async (req, res, next) => {
          const path = (req.url ?? '').split('?')[0] ?? '';
          if (!path.startsWith('/admin')) return next();
          try {
            if (path === '/admin') {
              res.writeHead(301, { location: '/admin/' }).end();
            } else if (path === '/admin/' || path === '/admin/index.html') {
              res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await readFile(join(root, 'public/admin/index.html')));
            } else if (path === '/admin/config.yml') {
              let yaml = await readFile(join(root, 'public/admin/config.yml'), 'utf8');
              if (fromThisMachine(req)) {
                yaml = localConfig(yaml, `http://${req.headers.host}`);
                // Started now, so that it answers when the CMS looks for it.
                await localBackend().catch((error: unknown) => logger.error(`The content manager's local mode could not start: ${error instanceof Error ? error.message : error}`));
              }
              res.writeHead(200, { 'content-type': TYPES['.yml']!, 'cache-control': 'no-store' }).end(yaml);
            } else if (path === LOCAL_BACKEND_PATH) {
              if (!fromThisMachine(req)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('The local backend only answers this machine.');
              forward(req, res, (await localBackend()).port);
            } else if (path.startsWith('/admin/decap/') && isBundleFile(path.slice('/admin/decap/'.length))) {
              const file = join(await decapBundle(root), path.slice('/admin/decap/'.length));
              res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
            } else {
              next();
            }
          } catch (error) {
            logger.error(`${path}: ${error instanceof Error ? error.message : error}`);
            if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(error instanceof Error ? error.message : String(error));
          }
        });
      },
    },
  };
}
