import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Loader, LoaderContext } from 'astro/loaders';
import { parseFrontmatter } from 'astro/markdown';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { collections } from '../../../src/content.config.ts';
import { noSettingsMistake, notesToConfirm, throwContentMistakes, yamlMistake } from '../../../src/lib/content-check.ts';
import { schemaFor, type CollectionName } from '../content/load-entries.ts';
import { CONTENT_SOURCES, projectCopy } from '../../support/project-copy.ts';

const file = (...lines: string[]) => `${lines.join('\n')}\n`;

/** What the owner reads for the settings block of a file, from Astro's own reading of it. */
function mistakeIn(text: string): string | undefined {
  try {
    const { frontmatter } = parseFrontmatter(text);
    return Object.keys(frontmatter).length === 0 ? noSettingsMistake(text) : undefined;
  } catch (error) {
    return yamlMistake(error, text);
  }
}

test.each([
  ['settings that read fine', file('---', 'title: Fees', 'description: "In Lehi, Utah: at home"', '---', 'Text.'), undefined],
  ['Windows line endings', file('---', 'title: Fees', '---', 'Text.').replaceAll('\n', '\r\n'), undefined],
  ['a colon in an unquoted value', file('---', 'title: About', 'description: About us: who we are', '---'), /^line 3: this line could not be read\..*double quotes/],
  ['an apostrophe inside single quotes', file('---', "title: 'It's us'", '---'), /^line 2: this line could not be read/],
  ['a double quote left open', file('---', 'title: About', 'description: "About us', 'order: 1', '---'), /^line 3: a double quote \(".*not closed/],
  ['a line with no colon', file('---', 'title: About', 'order 1', '---'), /^line 3: this line has no colon/],
  ['a tab before a setting', file('---', 'title: About', '\tdescription: x', '---'), /^line 3: this line is indented with a tab/],
  ['a setting given twice', file('---', 'title: About', 'title: Again', '---'), /^line 3: this setting appears twice/],
  ['no closing dashes', file('---', 'title: About', 'Some text.'), /no closing line of three dashes/],
  ['no opening dashes', file('title: About', '---', 'Text.'), /^line 1: the file must start with a line of three dashes/],
  ['a block that is not settings', file('---', 'Just a sentence', '---'), /should be lines like "title: Fees and insurance"/],
  ['a byte-order mark before the dashes', `\uFEFF${file('---', 'title: Fees', '---')}`, undefined],
  ['blank lines before the dashes', file('', '', '---', 'title: Fees', '---'), undefined],
  ['spaces after the dashes', file('---  ', 'title: Fees', '---  ', 'Text.'), undefined],
  ['a colon in a value after blank lines', file('', '---', 'title: About', 'description: About us: who we are', '---'), /^line 4: /],
  ['no space after a colon, after a good line', file('---', 'title: About', 'order:1', '---'), /^line 3: put a space after the colon/],
  ['no space after the only colon', file('---', 'title:About', '---'), /^line 2: put a space after the colon/],
  ['an escaped quote before the one left open', file('---', 'title: "He said \\"hi\\""', 'description: "About us', '---'), /^line 3: a double quote/],
  ['a web address as a value', file('---', 'siteUrl: https://example.com/a:b', '---'), undefined],
])('%s', (_case, text, expected) => {
  const mistake = mistakeIn(text);
  if (expected === undefined) expect(mistake).toBeUndefined();
  else expect(mistake).toMatch(expected);
});

test("Astro's wrapping of the YAML error (its line counts from the opening ---) gives the same line", () => {
  const text = file('', '---', 'title: About', 'description: About us: who we are', '---');
  const astroError = Object.assign(new Error('bad indentation of a mapping entry'), { name: 'MarkdownError', loc: { file: 'about.md', line: 2, column: 21 } });
  expect(yamlMistake(astroError, text)).toMatch(/^line 4: this line could not be read/);
  expect(yamlMistake(new Error('something else'), text)).toBeUndefined();
});

test("Astro's own content sync stops on a settings-block mistake with the owner's line and advice", { timeout: 60_000 }, async () => {
  const copy = projectCopy('.', CONTENT_SOURCES);
  const project = copy.root;
  const about = join(project, 'src/content/pages/about.md');
  await writeFile(about, (await readFile(about, 'utf8')).replace(/^description: "?/m, 'description: About us: '));
  const sync = promisify(execFile)(process.execPath, ['node_modules/.bin/astro', 'sync'], { cwd: project, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  await expect(sync).rejects.toMatchObject({ stderr: expect.stringMatching(/^src\/content\/pages\/about\.md: line 3: this line could not be read\..*double quotes/m) });
  copy.remove();
});

/**
 * The loader while `npm start` runs: Astro's real glob() loader over a copy of src/content, fed
 * file changes through its watcher, with the schemas of src/content.config.ts. The markdown entry
 * type throws YAML errors the way Astro's does (MarkdownError, its line counted from the opening ---).
 */
describe('while npm start runs', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'content-check-'));
    await cp('src/content', join(root, 'src/content'), { recursive: true });
  });
  /** Files each test saved: deleting them clears their mistakes, as when the owner deletes a file. */
  const saved: Array<() => void> = [];
  afterEach(async () => {
    for (const unlink of saved.splice(0)) unlink();
    await rm(root, { recursive: true, force: true });
  });

  const markdown = {
    extensions: ['.md'],
    getEntryInfo: async ({ contents, fileUrl }: { contents: string; fileUrl: URL }) => {
      try {
        const { frontmatter, content } = parseFrontmatter(contents);
        return { data: frontmatter, body: content };
      } catch (error) {
        const { reason, mark } = error as { reason: string; mark: { line: number; column: number } };
        throw Object.assign(new Error(reason), { name: 'MarkdownError', loc: { file: fileUrl.pathname, line: mark.line, column: mark.column } });
      }
    },
  };

  async function startLoading(collection: CollectionName) {
    const watcher = Object.assign(new EventEmitter(), { add: () => watcher });
    const entries = new Map<string, { id: string; digest?: string }>();
    const meta = new Map<string, string>();
    const context = {
      collection,
      config: { root: pathToFileURL(`${root}/`), srcDir: pathToFileURL(`${root}/src/`) },
      logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() },
      watcher,
      meta: { get: (key: string) => meta.get(key), set: (key: string, value: string) => meta.set(key, value), has: (key: string) => meta.has(key), delete: (key: string) => meta.delete(key) },
      store: {
        keys: () => [...entries.keys()],
        get: (id: string) => entries.get(id),
        set: (entry: { id: string }) => Boolean(entries.set(entry.id, entry)),
        delete: (id: string) => entries.delete(id),
        addModuleImport: () => {},
        addAssetImports: () => {},
      },
      // Astro's parseData throws the schema's messages, each field in bold.
      parseData: async ({ data }: { data: unknown }) => {
        const result = await schemaFor(collection).safeParseAsync(data);
        if (!result.success) {
          const issues = result.error.issues.map((issue) => `  **${issue.path.join('.')}**: ${issue.message}`);
          throw new Error([`**${collection} → entry** data does not match collection schema.\n`, ...issues, ''].join('\n'));
        }
        return result.data;
      },
      generateDigest: (text: string) => createHash('sha1').update(text).digest('hex'),
      entryTypes: new Map([['.md', markdown]]),
    };
    // The loader exactly as src/content.config.ts sets it up, reading the copy.
    const { loader } = collections[collection] as { loader: Loader };
    await loader.load(context as unknown as LoaderContext);
    const save = async (name: string, change: (text: string) => string) => {
      const path = join(root, 'src/content', collection, name);
      await writeFile(path, change(await readFile(path, 'utf8')));
      watcher.emit('change', path);
      saved.push(() => watcher.emit('unlink', path));
      await vi.waitFor(() => expect(context.logger.info.mock.calls.length + context.logger.error.mock.calls.length).toBeGreaterThan(saves));
      saves += 1;
    };
    let saves = 0;
    return { save, watcher, meta, logger: context.logger };
  }

  const shown = () => {
    try {
      throwContentMistakes();
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };

  test('an FAQ question saved without its question mark is shown over the page, and in the terminal', async () => {
    const { save, meta, logger } = await startLoading('faq');
    expect(shown()).toBeUndefined();
    await save('is-music-therapy-new.md', (text) => text.replace(/\?\n/, '\n'));
    expect(shown()).toMatch(/^Fix this, then save again to see your change:\n- src\/content\/faq\/is-music-therapy-new\.md: question: End the question with a question mark\.$/);
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/is-music-therapy-new\.md: .*End the question with a question mark\./s));
    // The store changes, so the browser reloads the page and the overlay appears without a manual reload.
    expect(meta.get('mistakes')).toContain('is-music-therapy-new.md');
  });

  test('a settings block that cannot be read is shown with the line the editor shows', async () => {
    const { save } = await startLoading('pages');
    await save('about.md', (text) => text.replace(/^description: "?/m, 'description: About us: '));
    expect(shown()).toMatch(/- src\/content\/pages\/about\.md: line 3: this line could not be read\..*double quotes/);
  });

  test('once the mistake is fixed, the next save shows nothing, even when the file is back as it was', async () => {
    const { save, meta } = await startLoading('pages');
    const original = await readFile(join(root, 'src/content/pages/fees.md'), 'utf8');
    await save('fees.md', (text) => text.replace(/^title: .*$/m, 'title: x'));
    expect(shown()).toMatch(/- src\/content\/pages\/fees\.md: title: The title is too short\.$/);
    await save('fees.md', () => original);
    expect(shown()).toBeUndefined();
    expect(meta.get('mistakes')).toBe('');
  });

  test('a mistake in one file stays shown while another file is saved, and a deleted file takes its mistake with it', async () => {
    const { save, watcher } = await startLoading('faq');
    await save('is-music-therapy-new.md', (text) => text.replace(/\?\n/, '\n'));
    await save('what-music-is-used.md', (text) => `${text}\nMore text.\n`);
    expect(shown()).toMatch(/is-music-therapy-new\.md/);
    await rm(join(root, 'src/content/faq/is-music-therapy-new.md'));
    watcher.emit('unlink', join(root, 'src/content/faq/is-music-therapy-new.md'));
    expect(shown()).toBeUndefined();
  });

  test('a draft is checked like any entry', async () => {
    const { save } = await startLoading('team');
    await save('example-therapist.md', (text) => text.replace(/^photoAlt: .*$/m, 'photoAlt: x'));
    expect(shown()).toMatch(/example-therapist\.md: photoAlt: Alt text is required/);
  });

  test('the example profile saved as published is shown over the page', async () => {
    const { save } = await startLoading('team');
    await save('example-therapist.md', (text) => text.replace('draft: true', 'draft: false'));
    expect(shown()).toMatch(/- src\/content\/team\/example-therapist\.md: this profile is published \(it has no "draft: true"\) but still shows the name "Your Name"/);
  });

  test("each page's note to confirm is kept for the reminders, until the owner deletes it", async () => {
    const { save } = await startLoading('pages');
    const note = (page: string) => expect.stringMatching(new RegExp(`^src/content/pages/${page}\\.md: to confirm: `));
    expect(notesToConfirm()).toEqual([note('accessibility'), note('contact/thanks'), note('fees'), note('privacy')]);
    await save('fees.md', (text) => text.replace(/^ownerToConfirm: .*\n/m, ''));
    expect(notesToConfirm()).toEqual([note('accessibility'), note('contact/thanks'), note('privacy')]);
  });

  test('a photo that is not next to the profile names the file, the field and the fix', async () => {
    const { save } = await startLoading('team');
    await save('example-therapist.md', (text) => text.replace('./example-therapist.jpg', './jane-doe.jpg'));
    expect(shown()).toMatch(/- src\/content\/team\/example-therapist\.md: photo: the photo file \.\/jane-doe\.jpg was not found next to this entry/);
  });

  test('a mistake already there when loading starts stops the loading with the same message', async () => {
    const broken = join(root, 'src/content/faq/broken.md');
    await writeFile(broken, file('---', 'question: Is it broken', '---', 'Yes.'));
    await expect(startLoading('faq')).rejects.toThrow(/question/);
    expect(shown()).toMatch(/- src\/content\/faq\/broken\.md: question: End the question with a question mark\.$/);
    await writeFile(broken, file('---', 'question: Is it: broken?', '---', 'Yes.'));
    await expect(startLoading('faq')).rejects.toThrow(/^src\/content\/faq\/broken\.md: line 2: this line could not be read/);
    await rm(broken);
    await startLoading('faq');
    expect(shown()).toBeUndefined();
  });
});
