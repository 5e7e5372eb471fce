/**
 * The content manager at /admin/ (Decap CMS; its page and config.yml are in public/admin/). Decap's
 * package would pull in the ~630 packages that build its bundle, so `npm pack` fetches it once, checked
 * against the pin below, into public/admin/decap/ (git-ignored), which `astro dev` serves and a build
 * copies. `astro dev` runs decap-server, Decap's local backend, behind its own address.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export const DECAP = { spec: 'decap-cms@3.16.3', integrity: 'sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==' };
export const LOCAL_BACKEND_PATH = '/admin/local-backend/api/v1';

/** Decap's bundle in public/admin/decap/ unless there already; moved into place whole, so a half-fetched one never counts. */
export function fetchBundle(root: string): void {
  const dir = join(root, 'public/admin/decap');
  if (existsSync(join(dir, '.integrity')) && readFileSync(join(dir, '.integrity'), 'utf8') === DECAP.integrity) return;
  const work = mkdtempSync(join(tmpdir(), 'decap-cms-'));
  try {
    const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', DECAP.spec, '--json', '--pack-destination', work, '--loglevel=error'], { cwd: work, encoding: 'utf8' }));
    const integrity = `sha512-${createHash('sha512').update(readFileSync(join(work, filename))).digest('base64')}`;
    if (integrity !== DECAP.integrity) throw new Error(`${DECAP.spec} from the npm registry does not match the integrity pinned in src/integrations/cms.ts.`);
    execFileSync('tar', ['-xzf', filename, '--wildcards', 'package/dist/*decap-cms.js', 'package/dist/*.wasm', 'package/dist/*.LICENSE.txt'], { cwd: work });
    writeFileSync(join(work, 'package/dist/.integrity'), DECAP.integrity);
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, 'package/dist'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** dist/admin/ as deployed: the GitHub repository Netlify builds from, links to the live site, and the live site's deploy-status badge. */
export function deployAdmin(admin: string, site: string, env: NodeJS.ProcessEnv, warn: (message: string) => void): void {
  const repo = /(?:^|[/@])github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(env.REPOSITORY_URL ?? '')?.[1];
  if (!repo && env.NETLIFY === 'true') warn(`REPOSITORY_URL (${env.REPOSITORY_URL || 'not set'}) is not on GitHub: the content manager cannot sign in until backend.repo is set in public/admin/config.yml.`);
  const yaml = readFileSync(join(admin, 'config.yml'), 'utf8');
  writeFileSync(join(admin, 'config.yml'), `${repo ? yaml.replace(/^(\s+repo:) .*$/m, `$1 ${repo}`) : yaml}\nsite_url: ${site}\ndisplay_url: ${site}\n`);
  if (!/^[\w-]+$/.test(env.SITE_ID ?? '')) return;
  const badge = `<img class="deploy-status" src="https://api.netlify.com/api/v1/badges/${env.SITE_ID}/deploy-status" alt="Whether the last publish is on the live site (Netlify deploy status)" width="136" height="20">`;
  writeFileSync(join(admin, 'index.html'), readFileSync(join(admin, 'index.html'), 'utf8').replace('</body>', `  ${badge}\n  </body>`));
}

export function cms(): AstroIntegration {
  let root = '';
  let site = '';
  let port = 0;
  return {
    name: 'cms',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig }) => {
        [root, site] = [fileURLToPath(config.root), config.site ?? ''];
        if (command === 'build' || command === 'dev') fetchBundle(root);
        if (command !== 'dev') return;
        const free = createServer().listen(0, '127.0.0.1');
        await new Promise((listening) => free.once('listening', listening));
        port = (free.address() as AddressInfo).port;
        free.close();
        // Only this machine's browser: a dev server opened to the network (--host) lends no one the files.
        const bypass = (req: { socket: { remoteAddress?: string } }) => (/^(::ffff:)?127\.0\.0\.1$|^::1$/.test(req.socket.remoteAddress ?? '') ? undefined : false);
        updateConfig({ vite: { server: { proxy: { [LOCAL_BACKEND_PATH]: { target: `http://127.0.0.1:${port}`, rewrite: () => '/api/v1', bypass } } } } });
      },
      'astro:build:done': ({ dir, logger }) => deployAdmin(fileURLToPath(new URL('admin/', dir)), site, process.env, (message) => logger.warn(message)),
      'astro:server:setup': ({ server }) => {
        // No HTTP server (vitest's Vite through getViteConfig): nobody to edit through, nothing to start.
        if (!server.httpServer) return;
        // decap-server runs from its own folder, so it never reads the project's .env, and stops with the dev server, however that ends.
        // ORIGIN: the only origin its CORS allows, one no page has: the CMS reaches it through the dev server.
        const entry = createRequire(import.meta.url).resolve('decap-server/dist/index.js');
        const env = { ...process.env, PORT: String(port), BIND_HOST: '127.0.0.1', ORIGIN: 'http://127.0.0.1:0', MODE: 'fs', GIT_REPO_DIRECTORY: root, LOG_LEVEL: 'warn' };
        const script = `process.stdin.on('close', () => process.exit()).resume(); require(${JSON.stringify(entry)});`;
        const child = spawn(process.execPath, ['-e', script], { cwd: dirname(entry), env, stdio: ['pipe', 'inherit', 'inherit'] });
        server.httpServer.once('close', () => child.kill());
        // Astro serves no index.html for a folder of public/; the config gets the local backend at this server's own address.
        server.middlewares.use((req, res, next) => {
          if (req.url === '/admin' || req.url === '/admin/') return void res.writeHead(302, { location: '/admin/index.html' }).end();
          if (req.url !== '/admin/config.yml') return next();
          const local = `\nlocal_backend:\n  url: http://${req.headers.host}${LOCAL_BACKEND_PATH}\n`;
          res.writeHead(200, { 'content-type': 'text/yaml; charset=utf-8' }).end(readFileSync(join(root, 'public/admin/config.yml'), 'utf8') + local);
        });
      },
    },
  };
}
