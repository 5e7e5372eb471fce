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

async function saveAndWait(change: (text: string) => string, file: string) {
  const watcher = new EventEmitter();
  const hot = { send: vi.fn() };
  const server = { watcher, hot, ssrLoadModule: async () => ({ collections }) };
  const logger = { error: vi.fn() };
  const hook = exampleValues({ root }).hooks['astro:server:setup'] as (options: unknown) => void;
  hook({ server, logger });
  const path = join(root, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
  watcher.emit('all', 'change', path);
  await vi.waitFor(() => expect(logger.error).toHaveBeenCalled(), { timeout: 3000 }).catch(() => undefined);
  return { hot, logger };
}

test('an FAQ question saved without its question mark is shown in the browser overlay', async () => {
  const { hot, logger } = await saveAndWait((text) => text.replace(/\?\n/, '\n'), 'src/content/faq/is-music-therapy-new.md');
  const message = 'src/content/faq/is-music-therapy-new.md: question: End the question with a question mark.';
  expect(hot.send).toHaveBeenCalledWith({ type: 'error', err: { message: expect.stringContaining(message), stack: '' } });
  expect(logger.error).toHaveBeenCalledWith(expect.stringContaining(message));
});

test('a settings block that cannot be read is shown with its line', async () => {
  const { hot } = await saveAndWait((text) => text.replace(/^description: "?/m, 'description: About us: '), 'src/content/pages/about.md');
  expect(hot.send).toHaveBeenCalledWith({ type: 'error', err: { message: expect.stringMatching(/about\.md: line 3: /), stack: '' } });
});

test('a save that leaves everything correct shows nothing', async () => {
  const { hot } = await saveAndWait((text) => text.replace('Fees', 'Fees'), 'src/content/pages/fees.md');
  expect(hot.send).not.toHaveBeenCalled();
});
