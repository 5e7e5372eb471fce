import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { parseFrontmatter } from 'astro/markdown';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { collections } from '../../../src/content.config.ts';
import { mistakesLoader } from '../../../src/lib/content-check.ts';
import { schemaFor, type CollectionName } from '../content/load-entries.ts';

const file = (...lines: string[]) => `${lines.join('\n')}\n`;

/**
 * The loader as `npm start` and the build run it: Astro's real glob() loader over a copy of
 * src/content, with the schemas of src/content.config.ts, fed file changes through its watcher
 * (none in a build). The markdown entry type and parseData stand in for Astro's.
 */
describe('the content loader', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'content-check-'));
    await cp('src/content', join(root, 'src/content'), { recursive: true });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const markdown = {
    extensions: ['.md'],
    getEntryInfo: async ({ contents }: { contents: string }) => {
      const { frontmatter, content } = parseFrontmatter(contents);
      return { data: frontmatter, body: content };
    },
  };

  /** A data store of one collection, as Astro's. */
  function memoryStore() {
    const entries = new Map<string, { id: string; data: Record<string, unknown>; filePath?: string; digest?: string }>();
    return {
      entries,
      keys: () => [...entries.keys()],
      values: () => [...entries.values()],
      get: (id: string) => entries.get(id),
      set: (entry: { id: string; data: Record<string, unknown> }) => Boolean(entries.set(entry.id, entry)),
      delete: (id: string) => entries.delete(id),
      clear: () => entries.clear(),
      has: (id: string) => entries.has(id),
      addModuleImport: () => {},
      addAssetImports: () => {},
    };
  }

  /** What every page shows while `npm start` runs: the `mistakes` collection's lines. */
  const mistakes = memoryStore();
  const shown = () => (mistakes.get('unfixed')?.data.lines as string[] | undefined) ?? [];

  async function startLoading(collection: CollectionName, { dev = true } = {}) {
    const watcher = Object.assign(new EventEmitter(), { add: () => watcher });
    const store = memoryStore();
    const context = {
      collection,
      config: { root: pathToFileURL(`${root}/`), srcDir: pathToFileURL(`${root}/src/`) },
      logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() },
      ...(dev && { watcher }),
      meta: new Map<string, string>(),
      store,
      // Astro's parseData throws the schema's messages, each field in bold.
      parseData: async ({ data }: { data: unknown }) => {
        const result = await schemaFor(collection).safeParseAsync(data);
        if (!result.success) throw new Error(result.error.issues.map((issue) => `**${issue.path.join('.')}**: ${issue.message}`).join('\n'));
        return result.data;
      },
      generateDigest: (text: string) => createHash('sha1').update(text).digest('hex'),
      entryTypes: new Map([['.md', markdown]]),
    };
    await mistakesLoader.load({ store: mistakes } as unknown as LoaderContext);
    const { loader } = collections[collection] as { loader: Loader };
    await loader.load(context as unknown as LoaderContext);
    let saves = 0;
    const path = (name: string) => join(root, 'src/content', collection, name);
    const save = async (name: string, change: (text: string) => string) => {
      await writeFile(path(name), change(await readFile(path(name), 'utf8').catch(() => '')));
      watcher.emit('change', path(name));
      saves += 1;
      await vi.waitFor(() => expect(context.logger.info.mock.calls.length + context.logger.error.mock.calls.length).toBeGreaterThanOrEqual(saves));
    };
    const remove = async (name: string) => {
      await rm(path(name));
      watcher.emit('unlink', path(name));
    };
    return { save, remove, store: store.entries };
  }

  test('under npm start, an entry with a mistake is left off the site and every page names the file, the box and the fix, until it is fixed', async () => {
    const { save, store } = await startLoading('faq');
    expect(shown()).toEqual([]);
    const original = await readFile(join(root, 'src/content/faq/is-music-therapy-new.md'), 'utf8');
    await save('is-music-therapy-new.md', (text) => text.replace(/\?\n/, '\n'));
    expect(shown()).toEqual(['src/content/faq/is-music-therapy-new.md: question: End the question with a question mark.']);
    expect(store.has('is-music-therapy-new')).toBe(false);
    await save('is-music-therapy-new.md', () => original);
    expect(shown()).toEqual([]);
    expect(store.has('is-music-therapy-new')).toBe(true);
  });

  test('a mistake already there does not stop npm start, and stops the build with the same words', async () => {
    await writeFile(join(root, 'src/content/faq/broken.md'), file('---', 'question: Is it broken', '---', 'Yes.'));
    const { store } = await startLoading('faq');
    expect(store.has('broken')).toBe(false);
    expect(shown()).toEqual(['src/content/faq/broken.md: question: End the question with a question mark.']);
    await expect(startLoading('faq', { dev: false })).rejects.toThrow(/End the question with a question mark/);
  });

  test('a question asked twice is refused, naming both files and the box, until one is deleted', async () => {
    const { save, remove } = await startLoading('faq');
    await save('insurance-copy.md', () => readFileSync('src/content/faq/insurance-coverage.md', 'utf8'));
    expect(shown()).toEqual([
      'src/content/faq/insurance-coverage.md: Question: “Does insurance cover music therapy?” is on the site already (src/content/faq/insurance-copy.md): change one of the two, or delete one.',
    ]);
    await remove('insurance-copy.md');
    expect(shown()).toEqual([]);
    await writeFile(join(root, 'src/content/faq/insurance-copy.md'), readFileSync('src/content/faq/insurance-coverage.md', 'utf8'));
    await expect(startLoading('faq', { dev: false })).rejects.toThrow(/Question: “Does insurance cover music therapy\?” is on the site already/);
  });

  test('a photo that is not there, as the content manager names it, or deleted while in use, names the entry and the Photo box', async () => {
    await mkdir(join(root, 'src/content/team/jane-doe'));
    await writeFile(join(root, 'src/content/team/jane-doe/jane.jpg'), readFileSync('src/content/team/example-therapist/example-therapist.jpg'));
    const profile = file('---', 'name: Jane Doe', 'role: Music therapist', 'photo: jane.jpg', 'photoAlt: Jane smiling, holding a guitar', '---', 'Jane trained in Utah.');
    await writeFile(join(root, 'src/content/team/jane-doe/index.md'), profile);
    const { save, remove, store } = await startLoading('team');
    expect(store.has('jane-doe')).toBe(true);
    await remove('jane-doe/jane.jpg');
    expect(shown()).toEqual(['src/content/team/jane-doe/index.md: Photo: the photo src/content/team/jane-doe/jane.jpg was deleted: choose a photo again.']);
    expect(store.has('jane-doe')).toBe(false);
    await save('jane-doe/index.md', (text) => `${text}More.\n`);
    expect(shown()).toEqual(['src/content/team/jane-doe/index.md: Photo: the photo jane.jpg is not there any more (deleted or renamed): choose a photo again.']);
    await expect(startLoading('team', { dev: false })).rejects.toThrow(/jane-doe\/index\.md: Photo: the photo jane\.jpg is not there any more/);
  });
});
