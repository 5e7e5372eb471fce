import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { parseFrontmatter } from 'astro/markdown';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { collections } from '../../../src/content.config.ts';
import { checklist } from '../../../src/integrations/example-values.ts';
import { schemaFor } from '../content/load-entries.ts';

const PHOTO = readFileSync('src/content/team/example-therapist/example-therapist.jpg');
const profile = (photo: string) => `---\nname: Jane Doe\nrole: Music therapist\nphoto: ${photo}\nphotoAlt: Jane smiling, holding a guitar\n---\nJane trained in Utah.\n`;

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'content-check-'));
  for (const path of ['src/content', 'public/admin/config.yml']) cpSync(path, join(root, path), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (file: string, text: string | Buffer) => {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
};

test('the project content has no mistake', () => {
  expect(checklist(false).refused).toEqual([]);
});

describe('each mistake is one line naming the file, the box the content manager shows, and the fix', () => {
  test.each([
    ['a question without its question mark', 'src/content/faq/broken.md', '---\nquestion: Is it broken\n---\nYes.\n', ['src/content/faq/broken.md: Question: End the question with a question mark.']],
    ['a question too long for a file name', 'src/content/faq/long.md', `---\nquestion: ${'Why '.repeat(40)}?\n---\nYes.\n`, ['src/content/faq/long.md: Question: Keep the question under 150 characters; put the rest in the answer.']],
    ['a question of emoji only', 'src/content/faq/emoji.md', '---\nquestion: "🎵🎵🎵🎵🎵🎵🎵🎵?"\n---\nYes.\n', ['src/content/faq/emoji.md: Question: Write the question in words: its web address is made from them.']],
    [
      'a question asked twice',
      'src/content/faq/insurance-copy.md',
      readFileSync('src/content/faq/insurance-coverage.md', 'utf8'),
      ['src/content/faq/insurance-coverage.md: Question: “Does insurance cover music therapy?” is on the site already (src/content/faq/insurance-copy.md): change one of the two, or delete one.'],
    ],
    ['a photo not there, named as Decap writes it', 'src/content/team/jane-doe/index.md', profile('jane.jpg'), ['src/content/team/jane-doe/index.md: Photo: the photo jane.jpg is not there any more (deleted or renamed): choose a photo again.']],
    ['a location photo not there', 'src/content/locations/studio/index.md', readFileSync('src/content/locations/studio/index.md', 'utf8').replace('---\n', '---\nphoto: ./room.jpg\nphotoAlt: The studio room\n'), ['src/content/locations/studio/index.md: Photo: the photo ./room.jpg is not there any more (deleted or renamed): choose a photo again.']],
    ['a field the site does not know', 'src/content/faq/typo.md', '---\nquestion: Is there a typo?\nanswr: yes\n---\nYes.\n', ['src/content/faq/typo.md: "answr" is not a setting this site knows: check the spelling, or remove it.']],
    ['settings that cannot be read', 'src/content/faq/unreadable.md', '---\nquestion: [unclosed\n---\nYes.\n', [expect.stringMatching(/^src\/content\/faq\/unreadable\.md: the settings between the --- lines cannot be read: \S/)]],
  ])('%s', (_case, file, text, expected) => {
    write(file, text);
    expect(checklist(false, root).refused).toEqual(expected);
  });

  test('a photo beside its entry is no mistake', () => {
    write('src/content/team/jane-doe/jane.jpg', PHOTO);
    write('src/content/team/jane-doe/index.md', profile('jane.jpg'));
    expect(checklist(false, root).refused).toEqual([]);
  });
});

/**
 * The loader as `npm start` runs it: Astro's real glob() loader over a copy of src/content with the
 * schemas of src/content.config.ts, fed file changes through a watcher. The markdown entry type and
 * parseData stand in for Astro's.
 */
describe('under npm start, the content loader', () => {
  async function startLoading(collection: 'faq' | 'team') {
    const watcher = Object.assign(new EventEmitter(), { add: () => watcher });
    const entries = new Map<string, { id: string; data: Record<string, unknown> }>();
    const store = {
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
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
    const markdown = { extensions: ['.md'], getEntryInfo: async ({ contents }: { contents: string }) => ({ data: parseFrontmatter(contents).frontmatter, body: parseFrontmatter(contents).content }) };
    const context = {
      collection,
      config: { root: pathToFileURL(`${root}/`), srcDir: pathToFileURL(`${root}/src/`) },
      logger,
      watcher,
      meta: new Map<string, string>(),
      store,
      parseData: async ({ data }: { data: unknown }) => schemaFor(collection).parseAsync(data),
      generateDigest: (text: string) => createHash('sha1').update(text).digest('hex'),
      entryTypes: new Map([['.md', markdown]]),
    };
    const { loader } = collections[collection] as { loader: Loader };
    await loader.load(context as unknown as LoaderContext);
    const path = (name: string) => join(root, 'src/content', collection, name);
    let saves = 0;
    return {
      entries,
      save: async (name: string, text: string) => {
        writeFileSync(path(name), text);
        watcher.emit('change', path(name));
        saves += 1;
        await vi.waitFor(() => expect(logger.info.mock.calls.length + logger.error.mock.calls.length).toBeGreaterThanOrEqual(saves));
      },
      remove: (name: string) => {
        rmSync(path(name));
        watcher.emit('unlink', path(name));
      },
    };
  }

  test('keeps an entry with a mistake off the site, without stopping, until it is fixed', async () => {
    write('src/content/faq/broken.md', '---\nquestion: Is it broken\n---\nYes.\n');
    const { entries, save } = await startLoading('faq');
    expect(entries.has('broken')).toBe(false);
    expect(entries.has('is-music-therapy-new')).toBe(true);
    await save('broken.md', '---\nquestion: Is it broken?\n---\nYes.\n');
    expect(entries.has('broken')).toBe(true);
    await save('broken.md', '---\nquestion: Is it broken\n---\nYes.\n');
    expect(entries.has('broken')).toBe(false);
  });

  test('takes a profile off the site when its photo is deleted, or is not there', async () => {
    write('src/content/team/jane-doe/jane.jpg', PHOTO);
    write('src/content/team/jane-doe/index.md', profile('jane.jpg'));
    const { entries, save, remove } = await startLoading('team');
    expect(entries.has('jane-doe')).toBe(true);
    remove('jane-doe/jane.jpg');
    expect(entries.has('jane-doe')).toBe(false);
    await save('jane-doe/index.md', `${profile('jane.jpg')}More.\n`);
    expect(entries.has('jane-doe')).toBe(false);
  });
});
