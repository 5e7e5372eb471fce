import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cms, deployedAdminPage, deployedConfig, githubRepository, isBundleFile, LOCAL_BACKEND_PATH } from '../../../src/integrations/cms.ts';
import { readCmsConfig } from '../../../src/integrations/cms-config.ts';

test.each([
  ['https://github.com/pure-progression/website', 'pure-progression/website'],
  ['https://github.com/pure-progression/website.git', 'pure-progression/website'],
  ['git@github.com:pure-progression/web.site.git', 'pure-progression/web.site'],
  ['https://x-access-token:abc@github.com/pure-progression/website.git', 'pure-progression/website'],
  ['https://gitlab.com/pure-progression/website', undefined],
  ['https://notgithub.com/pure-progression/website', undefined],
  ['https://github.company.example/pure-progression/website', undefined],
  [undefined, undefined],
])('the GitHub repository of REPOSITORY_URL %s is %s', (url, repo) => {
  expect(githubRepository(url)).toBe(repo);
});

test('a build on Netlify writes the repository it builds from into the deployed config, and changes nothing else', () => {
  const yaml = 'backend:\n  name: github\n  repo: your-account/your-repository\n  branch: main\n';
  expect(deployedConfig(yaml, { REPOSITORY_URL: 'https://github.com/pure-progression/website' })).toBe(yaml.replace('your-account/your-repository', 'pure-progression/website'));
  expect(deployedConfig(yaml, {})).toBe(yaml);
  // On Netlify, a repository the content manager cannot sign in to is said in the build log.
  const warnings: string[] = [];
  expect(deployedConfig(yaml, { NETLIFY: 'true', REPOSITORY_URL: 'https://gitlab.com/a/b' }, (message) => warnings.push(message))).toBe(yaml);
  deployedConfig(yaml, { NETLIFY: 'true', REPOSITORY_URL: 'https://github.com/a/b' }, (message) => warnings.push(message));
  expect(warnings).toEqual([expect.stringContaining('REPOSITORY_URL: https://gitlab.com/a/b')]);
  expect(readCmsConfig(deployedConfig(readFileSync('public/admin/config.yml', 'utf8'), { REPOSITORY_URL: 'https://github.com/a/b' })).backend.repo).toBe('a/b');
});

test('a build on Netlify shows the live site\'s deploy status on /admin/, and nothing without a site id', () => {
  const html = readFileSync('public/admin/index.html', 'utf8');
  const page = deployedAdminPage(html, { SITE_ID: '3970e0fe-8564-4e2d-a2f0-5e2b5f6f1a9c' });
  expect(page).toMatch(/<img src="https:\/\/api\.netlify\.com\/api\/v1\/badges\/3970e0fe-8564-4e2d-a2f0-5e2b5f6f1a9c\/deploy-status" alt="[^"]+"[^>]*>\n\s*<\/body>/);
  expect(deployedAdminPage(html, {})).toBe(html);
  expect(deployedAdminPage(html, { SITE_ID: '"><script>' })).toBe(html);
});

test.each([
  ['decap-cms.js', true],
  ['9661.decap-cms.js', true],
  ['decap-cms.js.LICENSE.txt', true],
  ['0b8f1a2e.wasm', true],
  ['9661.decap-cms.js.map', false],
  ['9661.cms.js', false],
  ['../package.json', false],
  ['../../../../tmp/evil.wasm', false],
  ['..%2F..%2Fevil.wasm', false],
])('%s is served from the bundle: %s', (name, served) => {
  expect(isBundleFile(name)).toBe(served);
});

/** `npm start`'s middleware on a plain node:http server, as Vite would run it. */
describe('npm start serves the content manager and its local mode', () => {
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  let middleware: Middleware | undefined;
  const server = createServer((req, res) => middleware?.(req, res, () => res.writeHead(404).end('next')));
  let origin = '';
  let backendPort = 0;

  beforeAll(async () => {
    // Free ports, as `npm start` takes: decap-server's, and the stand-in dev server's.
    const free = createServer();
    await new Promise<void>((listening) => free.listen(0, '127.0.0.1', listening));
    backendPort = (free.address() as AddressInfo).port;
    await new Promise((closed) => free.close(closed));
    const integration = cms({ localBackendPort: backendPort });
    await (integration.hooks['astro:config:done'] as (options: unknown) => unknown)({ config: { root: pathToFileURL(`${process.cwd()}/`) } });
    const logger = { info: () => undefined, error: (message: string) => console.error(message) };
    (integration.hooks['astro:server:setup'] as (options: unknown) => void)({ server: { middlewares: { use: (fn: Middleware) => (middleware = fn) }, httpServer: server }, logger });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((closed) => (server.listening ? (server.close(() => closed()), server.closeAllConnections()) : closed())));

  test('/admin/ is the admin page, /admin redirects to it', async () => {
    expect(await (await fetch(`${origin}/admin/`)).text()).toContain('<script src="/admin/decap/decap-cms.js"></script>');
    expect((await fetch(`${origin}/admin`, { redirect: 'manual' })).headers.get('location')).toBe('/admin/');
  });

  test('the config adds the local backend, reached through the dev server itself', async () => {
    const config = readCmsConfig(await (await fetch(`${origin}/admin/config.yml`)).text());
    expect(config.local_backend).toEqual({ url: `${origin}${LOCAL_BACKEND_PATH}` });
    expect(config.collections).toEqual(readCmsConfig().collections);
  }, 40_000);

  test('decap-server answers there, and reads the files on disk', async () => {
    const post = (body: unknown) => fetch(`${origin}${LOCAL_BACKEND_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify(body) });
    expect(await (await post({ action: 'info' })).json()).toMatchObject({ type: 'local_fs', publish_modes: ['simple'] });
    const entry = await (await post({ action: 'getEntry', params: { branch: 'main', path: 'src/content/faq/how-to-get-started.md' } })).json();
    expect(entry.file.path).toBe('src/content/faq/how-to-get-started.md');
    expect(entry.data).toContain('question: How do I get started?');
  }, 40_000);

  test('it answers no other website, nor a request by another name than localhost', async () => {
    const body = '{"action":"info"}';
    const json = { 'Content-Type': 'application/json' };
    expect((await fetch(`${origin}${LOCAL_BACKEND_PATH}`, { method: 'POST', headers: { ...json, Origin: 'https://evil.example' }, body })).status).toBe(403);
    const rebound = await new Promise<number>((answered) => {
      request(`${origin}${LOCAL_BACKEND_PATH}`, { method: 'POST', headers: { ...json, Host: 'evil.example' } }, (res) => answered(res.statusCode ?? 0)).end(body);
    });
    expect(rebound).toBe(403);
  });

  test('Decap\'s files come from its bundle, and nothing else from there', async () => {
    const bundle = await fetch(`${origin}/admin/decap/decap-cms.js`);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
    expect(await (await fetch(`${origin}/admin/decap/decap-cms.js.map`)).text()).toBe('next');
  }, 40_000);

  test('decap-server stops with the dev server', async () => {
    const answers = () => fetch(`http://127.0.0.1:${backendPort}/api/v1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' }).then(() => true, () => false);
    expect(await answers()).toBe(true);
    await new Promise<void>((closed) => {
      server.close(() => closed());
      server.closeAllConnections();
    });
    await expect.poll(answers, { timeout: 10_000 }).toBe(false);
  });
});
