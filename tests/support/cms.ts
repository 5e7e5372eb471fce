/**
 * Driving the content manager at /admin/ in a browser, offline: the browser tests
 * (tests/e2e/cms*.spec.ts) and the guide's screenshots (tests/docs/) share these.
 *
 * The CMS runs against Decap's in-memory test backend, seeded with the real files of src/content/:
 * `window.CMS_ENV = 'test'` makes Decap apply the `test:` section of config.yml, and
 * `window.repoFiles` is that backend's file tree. Nothing is saved anywhere; the tests read what the
 * CMS wrote back from `window.repoFiles`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { LOCAL_BACKEND_PATH } from '../../src/integrations/cms.ts';
import { freePort } from './port.ts';
import { projectCopy, type ProjectCopy } from './project-copy.ts';

/** Aborts every request that leaves this machine, and lists it in `outside`; records CSP violations (cspViolations). */
export async function blockOutside(context: BrowserContext, outside: string[]): Promise<void> {
  await context.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost'].includes(url.hostname) || ['data:', 'blob:'].includes(url.protocol)) return route.fallback();
    outside.push(`${route.request().method()} ${url.href}`);
    return route.abort('blockedbyclient');
  });
}

export interface SeedFile {
  path: string;
  /** Text files. */
  content?: string;
  /** Images, as a data: URL. */
  dataUrl?: string;
}

/** Every file under `root`/src/content, as the seed of the test backend. */
function contentSeed(root = '.'): SeedFile[] {
  return readdirSync(join(root, 'src/content'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      const path = relative(root, full).split('\\').join('/');
      const type = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' }[extname(entry.name).toLowerCase()];
      return type ? { path, dataUrl: `data:${type};base64,${readFileSync(full).toString('base64')}` } : { path, content: readFileSync(full, 'utf8') };
    });
}

/**
 * Runs in the page before decap-cms.js (context.addInitScript): selects the `test:` configuration,
 * and builds window.repoFiles from the seed.
 * Self-contained: Playwright sends its source to the browser.
 */
function installTestBackend(seed: SeedFile[]): void {
  const win = window as unknown as Record<string, unknown>;
  win.CMS_ENV = 'test';

  // The test backend lists a folder collection by looking up tree['src/content/faq'] (the whole
  // path as one key), but reads and writes files segment by segment: both are provided.
  type Node = Record<string, unknown>;
  const tree: Node = {};
  const folders = new Set<string>();
  for (const file of seed) {
    const parts = file.path.split('/');
    let node = tree;
    parts.slice(0, -1).forEach((part, index) => {
      node = (node[part] ??= {}) as Node;
      folders.add(parts.slice(0, index + 1).join('/'));
    });
    let content: unknown = file.content;
    if (file.dataUrl) {
      // A media file as Decap's AssetProxy: { path, fileObj, toString() → a URL }.
      const [head = '', base64 = ''] = file.dataUrl.split(',');
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const fileObj = new File([bytes], parts.at(-1) ?? 'image', { type: head.slice(5, head.indexOf(';')) });
      const url = URL.createObjectURL(fileObj);
      content = { path: file.path, fileObj, toString: () => url };
    }
    node[parts.at(-1) ?? ''] = { path: file.path, content };
  }
  for (const folder of folders) if (folder.includes('/')) tree[folder] = folder.split('/').reduce((node: Node, part) => node[part] as Node, tree);
  win.repoFiles = tree;
  type RepoFile = { path: string; content: unknown };
  /** Every file of window.repoFiles as the CMS has left it, each once (the folder aliases skipped). */
  const repoFileList = (): RepoFile[] => {
    const found: RepoFile[] = [];
    const walk = (node: Node, prefix: string) => {
      for (const [key, value] of Object.entries(node)) {
        if (!prefix && key.includes('/')) continue;
        const path = prefix ? `${prefix}/${key}` : key;
        if (value && typeof value === 'object' && 'path' in value && 'content' in value) found.push({ path, content: value.content });
        else if (value && typeof value === 'object') walk(value as Node, path);
      }
    };
    walk(win.repoFiles as Node, '');
    return found;
  };
  win.repoFileList = repoFileList;

  // The test backend's getMedia(folder) returns every file under the folder, the .md files too, and
  // fails on them ("Cannot destructure property 'name'") when photos sit next to the entries, as the
  // team's do. Patched, once Decap has defined window.CMS, to return the media files only.
  let cms: { getBackend(name: string): { init(config: unknown, options: unknown): object } | undefined } | undefined;
  Object.defineProperty(window, 'CMS', {
    configurable: true,
    get: () => cms,
    set(value) {
      cms = value;
      const backend = value.getBackend('test-repo')?.init({ backend: {}, media_folder: '' }, {});
      if (!backend) return;
      const prototype = Object.getPrototypeOf(backend) as { getMedia(folder?: string): Promise<unknown[]>; mediaFolder?: string; normalizeAsset(asset: unknown): unknown };
      prototype.getMedia = function getMedia(this: typeof prototype, folder = this.mediaFolder ?? '') {
        const media = repoFileList().filter(({ path, content }) => path.startsWith(`${folder}/`) && (content as { fileObj?: File } | undefined)?.fileObj);
        return Promise.resolve(media.map(({ content }) => this.normalizeAsset(content)));
      };
    },
  });
}

/** A page of the CMS with the test backend, every outside request blocked; `outside` collects any that were tried. */
export async function useTestBackend(context: BrowserContext, outside: string[], root = '.'): Promise<void> {
  await blockOutside(context, outside);
  await context.addInitScript(installTestBackend, contentSeed(root));
}

/**
 * For one spec file: a copy of the project running `astro dev` as `npm start` does, so /admin/ at
 * `origin()` edits the copy's files through decap-server. `read` gives a file of the copy ('' while
 * it is missing), `page` a page of its dev server.
 */
export function useLocalBackend() {
  let copy: ProjectCopy | undefined;
  let dev: ChildProcess | undefined;
  let origin = '';
  test.beforeAll(async () => {
    // Generous: the first start of Vite and decap-server takes minutes on a busy 2-core machine.
    test.setTimeout(300_000);
    copy = projectCopy();
    const port = await freePort();
    origin = `http://localhost:${port}`;
    dev = spawn(process.execPath, [join(copy.root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port)], { cwd: copy.root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, stdio: 'ignore' });
    // Up once decap-server answers through the dev server, as the CMS will ask it.
    const info = () => fetch(`${origin}${LOCAL_BACKEND_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' }).then((answer) => answer.ok, () => false);
    await expect.poll(info, { timeout: 240_000, intervals: [1000] }).toBe(true);
  });
  test.afterAll(() => {
    dev?.kill();
    copy?.remove();
  });
  const root = () => copy!.root;
  return {
    root,
    origin: () => origin,
    dev: () => dev!,
    read: (path: string) => (existsSync(join(root(), path)) ? readFileSync(join(root(), path), 'utf8') : ''),
    page: (path: string) => fetch(`${origin}${path}`).then((answer) => answer.text()),
  };
}

/**
 * Saves the open entry to the files (decap-server's file mode offers "Publish now" only), and waits
 * until the editor says so: until then it may still move to the saved entry's address.
 */
export async function publishNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await expect(page.getByRole('button', { name: 'Published', exact: true })).toBeVisible();
}

/**
 * Opens /admin/ of `origin` (the test's site by default) at `hash` (e.g. "#/collections/faq"), signs
 * in and waits until the CMS shows the collections or the entry. A fresh load each time: a hash
 * change alone can keep the previous editor on screen.
 */
export async function openAdmin(page: Page, hash = '#/', origin = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${origin}/admin/${hash}`);
  const ready = page.getByRole('navigation').or(page.getByRole('button', { name: /^(Save|Publish|Published)$/ }));
  const login = page.getByRole('button', { name: 'Login' });
  await expect(login.or(ready).first()).toBeVisible();
  // Signed in once, the CMS remembers it (localStorage) for the rest of the test.
  if (await login.isVisible()) await login.click();
  await expect(ready.first()).toBeVisible();
}

/**
 * Goes to `hash` inside the CMS already open, without loading the page again (faster, and the test
 * backend keeps saved drafts in the page's memory), once `ready` shows the new view.
 */
export async function goInAdmin(page: Page, hash: string, ready: Locator): Promise<void> {
  // From an editor, back to its collection first: a hash change alone can keep the editor on screen.
  const back = page.getByRole('link', { name: /^← Writing in / });
  if (await back.isVisible()) await back.click();
  await page.evaluate((target) => (location.hash = target), hash);
  await expect(ready).toBeVisible();
}

/** The text of a file as the CMS last wrote it to the test backend, e.g. "src/content/faq/x.md". */
export async function writtenFile(page: Page, path: string): Promise<string | undefined> {
  return page.evaluate((parts) => {
    let node: unknown = (window as unknown as { repoFiles: unknown }).repoFiles;
    for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
    const content = (node as { content?: unknown } | undefined)?.content;
    return typeof content === 'string' ? content : undefined;
  }, path.split('/'));
}

/**
 * What `read` finds in the test backend's files as the CMS left them, written with config.yml to a
 * new folder that is removed afterwards, for the build's own checks (media files as empty files:
 * what is checked is that they are there).
 */
export async function readWrittenTree<T>(page: Page, read: (root: string) => T): Promise<T> {
  const files = await page.evaluate(() =>
    (window as unknown as { repoFileList(): Array<{ path: string; content: unknown }> }).repoFileList().map(({ path, content }) => [path, typeof content === 'string' ? content : ''] as const),
  );
  const root = mkdtempSync(join(tmpdir(), 'cms-written-'));
  try {
    cpSync('public/admin/config.yml', join(root, 'public/admin/config.yml'));
    for (const [path, content] of files) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return read(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** CSP violations the page has reported so far. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}
