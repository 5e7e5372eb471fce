import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { formatList } from './format.ts';

/**
 * Content mistakes in the owner's words. Astro checks every entry against its schema and reports
 * the schema's own message; this module adds what Astro cannot say (the line of a mistake in the
 * settings block at the top of a markdown file, a photo that is not there, an example profile
 * published as shipped) and, while `npm start` runs, keeps each file's unfixed mistake so the
 * layout can show it over the page. It also keeps each page's note to confirm for the reminders.
 */

/** `order:1` or `title:About`: YAML needs a space after the colon that ends a setting's name. */
const NO_SPACE_AFTER_COLON = /^\s*[A-Za-z][\w-]*:[^\s/]/;
const NO_SPACE = 'put a space after the colon, like order: 3.';
const QUOTES = 'put a value that has a colon (:) or a quote mark in it inside double quotes, like description: "In Lehi, Utah: at home or online".';

/**
 * The file's lines, the index of the opening `---` line, the indexes of the block's lines, and the
 * message for its first setting with no space after the colon, if any (both readers stumble on it).
 */
function settingsBlock(text: string) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const open = lines.findIndex((line) => line.trim() !== '');
  const close = lines.findIndex((line, index) => index > open && line.trim() === '---');
  const block = lines.map((_, index) => index).filter((index) => index > open && (close === -1 || index < close));
  const noSpaceLine = block.find((index) => NO_SPACE_AFTER_COLON.test(lines[index] ?? ''));
  const noSpace = noSpaceLine === undefined ? undefined : `line ${noSpaceLine + 1}: ${NO_SPACE}`;
  return { lines, open, close, block, noSpace };
}

/**
 * A mistake that made Astro's YAML reader fail, as `line N: what to do`, with N the line the owner's
 * editor shows; `undefined` for any other error. Takes js-yaml's error or Astro's wrapping of it,
 * whose line counts from the opening `---`.
 */
export function yamlMistake(error: unknown, text: string): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { mark, reason, loc } = error as Error & { mark?: { line: number }; reason?: string; loc?: { line?: number } };
  const yamlLine = mark?.line ?? (error.name === 'MarkdownError' ? loc?.line : undefined);
  if (yamlLine === undefined) return undefined;
  const why = reason ?? error.message;
  const { lines, open, block, noSpace } = settingsBlock(text);
  const at = (index: number) => `line ${index + 1}: `;
  const find = (test: (line: string) => boolean) => block.find((index) => test(lines[index] ?? '')) ?? open + yamlLine;
  if (noSpace) return noSpace;
  // For a quote left open or a line with no colon, the reader points at the end of the block.
  if (/end of the stream within a double quoted scalar/.test(why)) {
    // Escaped quotes (\") do not open or close a value.
    const line = find((text) => (text.replaceAll('\\"', '').match(/"/g) ?? []).length % 2 === 1);
    return `${at(line)}a double quote (") is opened but not closed: end the value with a closing ".`;
  }
  if (/can not read a block mapping entry/.test(why)) {
    const line = find((text) => text.trim() !== '' && !/^\s*(#|-|[^\s:#][^:]*:)/.test(text));
    return `${at(line)}this line has no colon: write each setting as name: value, like order: 3.`;
  }
  const line = at(open + yamlLine);
  if (/tab characters/.test(why)) return `${line}this line is indented with a tab: use spaces instead.`;
  if (/duplicated mapping key/.test(why)) return `${line}this setting appears twice: keep one of them.`;
  if (/bad indentation|mapping values are not allowed/.test(why)) return `${line}this line could not be read. Start each setting at the beginning of its line, and ${QUOTES}`;
  return `${line}this line could not be read (${why}). Check its quotes and colons; ${QUOTES}`;
}

/**
 * Why Astro found no settings at the top of a markdown file: it reads a block without its `---`
 * lines, or one that is not `name: value` lines, as no settings at all. Every collection here needs some.
 */
export function noSettingsMistake(text: string): string {
  const { lines, open, close, noSpace } = settingsBlock(text);
  if (lines[open]?.trim() !== '---') return 'line 1: the file must start with a line of three dashes (---), then its settings, then another --- line.';
  if (close === -1) return 'the settings at the top have no closing line of three dashes (---): add one between the settings and the text.';
  if (noSpace) return noSpace;
  return 'the settings at the top should be lines like "title: Fees and insurance", one setting per line.';
}

/** Why a team profile must not be published as it is, or `undefined` if it is a real profile or a draft. */
export function publishedExampleMistake({ data, body = '' }: { data: Record<string, unknown>; body?: string }): string | undefined {
  if (data.draft === true) return undefined;
  const leftovers = [
    typeof data.name === 'string' && /^Your Name\b/.test(data.name) && 'the name "Your Name"',
    /example-therapist\./.test(String(data.photo)) && 'the example photo (example-therapist.jpg)',
    body.includes('Write a short bio here') && 'the example bio ("Write a short bio here…")',
  ].filter((item) => typeof item === 'string');
  if (leftovers.length === 0) return undefined;
  return (
    `this profile is published (it has no "draft: true") but still shows ${formatList(leftovers)}. ` +
    'Replace the example name, photo and bio with the real ones, or put back "draft: true" to keep it off the site.'
  );
}

/** What the latest reading found in one file (by its path in the project): the text, and the collection that read it. */
interface Finding {
  readonly collection: string;
  readonly text: string;
}

// The content layer, the pages and the build's hooks run in separate module graphs of one process.
const STATE = Symbol.for('pure-progression.content-check');
const { mistakes, notes } = ((globalThis as Record<symbol, unknown>)[STATE] ??= { mistakes: new Map(), notes: new Map() }) as Record<'mistakes' | 'notes', Map<string, Finding>>;

/** Each file's unfixed mistake, from the latest reading of the content. */
export function contentMistakes(): string[] {
  return [...mistakes.values()].map((found) => found.text);
}

/**
 * The notes to confirm (`ownerToConfirm`) of the content as last read, one line each, by file;
 * `where` adds to each line where the file's note is changed (by default nothing).
 */
export function notesToConfirm(where: (file: string) => string = () => ''): string[] {
  return [...notes.keys()].sort().map((file) => `${file}: to confirm: ${notes.get(file)?.text}${where(file)}`);
}

/**
 * While `npm start` runs, Astro reports a content file saved with a mistake in the terminal only,
 * and keeps showing the file's previous version. Pages call this so Astro's error overlay shows
 * the mistake instead, until the file is fixed.
 */
export function throwContentMistakes(): void {
  if (mistakes.size > 0) throw new Error(`Fix this, then save again to see your change:\n- ${contentMistakes().join('\n- ')}`);
}

const IMAGE = /\.(avif|gif|jpe?g|png|svg|tiff?|webp)$/i;

type EntryType = { getEntryInfo(params: { contents: string; fileUrl: URL }): Promise<{ data: Record<string, unknown>; body?: string }> };

/**
 * Astro's `glob()` loader, with the owner's messages for what Astro cannot say, each file's latest
 * mistake kept for throwContentMistakes() and its note to confirm for notesToConfirm(). Every file
 * is read on every load, changed or not.
 */
export function checkedGlob(options: Parameters<typeof glob>[0]): Loader {
  const loader = glob(options);
  return {
    ...loader,
    load: (context) => {
      const root = fileURLToPath(context.config.root);
      const { collection } = context;
      const named = (path: string) => relative(root, path).split(sep).join('/');
      /** Records or clears a file's mistake; in dev, the store change reloads the browser's page. */
      const note = (path: string, mistake?: string) => {
        const file = named(path);
        if (mistake ? mistakes.get(file)?.text === mistake : !mistakes.has(file)) return;
        if (mistake) mistakes.set(file, { collection, text: mistake });
        else mistakes.delete(file);
        if (context.watcher) context.meta.set('mistakes', [...mistakes.keys()].join('\n'));
      };
      const fail = (path: string, message: string) => {
        note(path, `${named(path)}: ${message}`);
        return new Error(`${named(path)}: ${message}`);
      };
      // The glob loader reads each file type's parser from here (not part of the typed context).
      const { entryTypes = new Map() } = context as LoaderContext & { entryTypes?: Map<string, EntryType> };
      const checkedTypes = new Map(
        [...entryTypes].map(([extension, type]) => [
          extension,
          {
            ...type,
            getEntryInfo: async (params: { contents: string; fileUrl: URL }) => {
              const path = fileURLToPath(params.fileUrl);
              const info = await type.getEntryInfo(params).catch((error: unknown) => {
                const mistake = yamlMistake(error, params.contents);
                throw mistake ? fail(path, mistake) : error;
              });
              if (Object.keys(info.data).length === 0) throw fail(path, noSettingsMistake(params.contents));
              const example = publishedExampleMistake(info);
              if (example) throw fail(path, example);
              note(path);
              const { ownerToConfirm } = info.data;
              if (typeof ownerToConfirm === 'string') notes.set(named(path), { collection, text: ownerToConfirm });
              else notes.delete(named(path));
              return info;
            },
          },
        ]),
      );
      const parseData: LoaderContext['parseData'] = async (props) => {
        const path = props.filePath ?? '';
        const data = await context.parseData(props).catch((error: unknown) => {
          // Astro reports the schema's messages itself; the page shows the same words, one field each: "question: End the question…".
          const message = error instanceof Error ? error.message : String(error);
          const fields = [...message.matchAll(/^\s*\*\*(.+?)\*\*: (.+)$/gm)].map(([, field, text]) => `${field}: ${text}`);
          fail(path, fields.length > 0 ? fields.join('; ') : message);
          throw error;
        });
        const photos = Object.entries(props.data).filter((field): field is [string, string] => typeof field[1] === 'string' && /^\.\.?\//.test(field[1]) && IMAGE.test(field[1]));
        for (const [field, value] of photos) {
          if (!existsSync(resolve(dirname(path), value))) {
            throw fail(path, `${field}: the photo file ${value} was not found next to this entry: check its name, and that it is in the same folder.`);
          }
        }
        // A draft keeps its photo as the path written, not an image to build (see `store` below).
        return (data as { draft?: unknown }).draft === true ? { ...data, ...Object.fromEntries(photos) } : data;
      };
      // Astro publishes every image an entry names (its photo, an image in its text), a draft's too.
      // No page shows a draft, so none of its images is built.
      const store: LoaderContext['store'] = {
        ...context.store,
        set: (entry) => context.store.set((entry.data as { draft?: unknown }).draft === true ? { ...entry, assetImports: undefined } : entry),
      };
      // Every file is read again now: forget what this collection's earlier reading found (a file
      // deleted since, too), and only that: two collections can read one folder (home and pages).
      for (const found of [mistakes, notes]) for (const [file, { collection: reader }] of found) if (reader === collection) found.delete(file);
      context.watcher?.on('unlink', (path) => {
        note(path);
        notes.delete(named(path));
      });
      return loader.load({ ...context, parseData, store, ...(entryTypes.size > 0 && { entryTypes: checkedTypes }) } as LoaderContext);
    },
  };
}
