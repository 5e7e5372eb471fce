import { EventEmitter } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { collections } from '../../../src/content.config.ts';
import { exampleValues } from '../../../src/integrations/example-values.ts';

/**
 * The dev-server side of the content checks: on a save under src/content, a mistake reaches the
 * browser's error overlay. The dev server is a stand-in with the three members the hook uses.
 */
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'content-watch-'));
  await cp('src/content', join(root, 'src/content'), { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

function startWatching() {
  const watcher = new EventEmitter();
  const hot = { send: vi.fn() };
  const ws = new EventEmitter();
  const server = { watcher, hot, ws, ssrLoadModule: async () => ({ collections }) };
  const logger = { error: vi.fn(), warn: vi.fn() };
  const hook = exampleValues({ root }).hooks['astro:server:setup'] as (options: unknown) => void;
  hook({ server, logger });
  return { watcher, hot, ws, logger };
}

async function save(watcher: EventEmitter, file: string, change: (text: string) => string, eventPath = join(root, file)) {
  const path = join(root, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
  watcher.emit('all', 'change', eventPath);
}

/** Long enough for the 200 ms pause after a save and one check of every file. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

test('an FAQ question saved without its question mark is shown in the browser overlay', async () => {
  const { watcher, hot, logger } = startWatching();
  await save(watcher, 'src/content/faq/is-music-therapy-new.md', (text) => text.replace(/\?\n/, '\n'));
  await settle();
  const message = 'src/content/faq/is-music-therapy-new.md: question: End the question with a question mark.';
  expect(hot.send).toHaveBeenCalledWith({ type: 'error', err: { message: expect.stringContaining(message), stack: '' } });
  expect(logger.error).toHaveBeenCalledWith(expect.stringContaining(message));
});

test('a settings block that cannot be read is shown with its line', async () => {
  const { watcher, hot } = startWatching();
  await save(watcher, 'src/content/pages/about.md', (text) => text.replace(/^description: "?/m, 'description: About us: '));
  await settle();
  expect(hot.send).toHaveBeenCalledWith({ type: 'error', err: { message: expect.stringMatching(/about\.md: line 3: /), stack: '' } });
});

test('once the mistake is fixed, the next save shows nothing', async () => {
  const { watcher, hot } = startWatching();
  const file = 'src/content/pages/fees.md';
  const original = await readFile(join(root, file), 'utf8');
  await save(watcher, file, (text) => text.replace(/^title: .*$/m, 'title: x'));
  await settle();
  expect(hot.send).toHaveBeenCalledTimes(1);
  await save(watcher, file, () => original);
  await settle();
  expect(hot.send).toHaveBeenCalledTimes(1);
});

test('a page that loads while a mistake is unfixed shows it again, and none after the fix', async () => {
  const { watcher, hot, ws } = startWatching();
  const file = 'src/content/pages/fees.md';
  const original = await readFile(join(root, file), 'utf8');
  await save(watcher, file, (text) => text.replace(/^title: .*$/m, 'title: x'));
  await settle();
  ws.emit('connection');
  expect(hot.send).toHaveBeenCalledTimes(2);
  expect(hot.send.mock.calls[1]).toEqual(hot.send.mock.calls[0]);
  await save(watcher, file, () => original);
  await settle();
  ws.emit('connection');
  expect(hot.send).toHaveBeenCalledTimes(2);
});

test.each([['an editor swap file', '.fees.md.swp'], ['a macOS copy', '._fees.md'], ['a file outside src/content', '../../README.md']])(
  'saving %s starts no check',
  async (_case, name) => {
    const { watcher, hot } = startWatching();
    await save(watcher, 'src/content/pages/fees.md', (text) => text.replace(/^title: .*$/m, 'title: x'), join(root, 'src/content/pages', name));
    await settle();
    expect(hot.send).not.toHaveBeenCalled();
  },
);
