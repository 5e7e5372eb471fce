import { readFile, readdir } from 'node:fs/promises';
// Astro's own front-matter reader (what `astro/markdown` re-exports, without the build tooling around it).
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { slug } from 'github-slugger';
import { locationChoice } from '../../../src/lib/contact/fields.ts';
import type { FieldOption } from '../../../src/lib/contact/fields.ts';

/**
 * The settings a visitor may choose ("Where would you like sessions?"), read from the same files
 * the site's `locations` collection is built from: src/content/locations/*.md. The page offers the
 * published ones; the function accepts them all and names the chosen one in the studio's email.
 *
 * Why read the markdown at run time: Netlify bundles the function on its own, where neither
 * `astro:content` nor a markdown import exists, and a list written into the code would be a second
 * home for the locations. netlify.toml ships the files with the function (`[functions.contact]
 * included_files`) at the same place relative to this module as in the repository, so a deploy,
 * `npm start` (Netlify's Vite plugin), the local server and the tests all find them here. A build
 * step writing a list for the function would work too, but would be one more file to keep fresh.
 *
 * Every file counts, drafts too: a page built before a location became a draft can still send it.
 * Ids are made as Astro's glob loader makes them (github-slugger on the file name), so they are the
 * values the form posts. Should the folder be unreadable, the caller still delivers (any id-shaped
 * answer, named by its id) and logs a warning: a missing list must never cost an inquiry.
 */

/** The folder, found from this module: in the repository and in the deployed bundle alike. */
const LOCATIONS_FOLDER = new URL('../../../src/content/locations/', import.meta.url);

export type LocationChoices =
  | { readonly ok: true; readonly choices: readonly FieldOption[] }
  /** `problem` is an error code such as ENOENT: no path, no content. */
  | { readonly ok: false; readonly problem: string };

/** A front-matter value that is text, else undefined (a broken file is named by its id instead). */
function textIn(data: unknown, key: string): string | undefined {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function choiceFor(folder: URL, name: string): Promise<FieldOption> {
  const id = slug(name.replace(/\.mdx?$/, ''));
  let data: unknown;
  try {
    data = parseFrontmatter(await readFile(new URL(name, folder), 'utf8')).frontmatter;
  } catch {
    data = undefined;
  }
  return locationChoice(id, { title: textIn(data, 'title') ?? id, formLabel: textIn(data, 'formLabel') });
}

async function readFolder(folder: URL): Promise<LocationChoices> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    return { ok: false, problem: String((error as { code?: unknown }).code ?? 'unreadable') };
  }
  // As Astro's glob loader: markdown files, not hidden ones or those kept aside with a leading "_".
  const files = names.filter((name) => /^[^._].*\.mdx?$/.test(name)).sort();
  return { ok: true, choices: await Promise.all(files.map((name) => choiceFor(folder, name))) };
}

const cache = new Map<string, Promise<LocationChoices>>();

/**
 * Read once per instance: deployed files never change, and Netlify's local emulation (`npm
 * start`) starts the function afresh for every request, so an edited label shows at once. A failed
 * read is tried again next time.
 */
export function readLocationChoices(folder: URL = LOCATIONS_FOLDER): Promise<LocationChoices> {
  let read = cache.get(folder.href);
  if (!read) {
    read = readFolder(folder);
    cache.set(folder.href, read);
    void read.then((result) => result.ok || cache.delete(folder.href));
  }
  return read;
}
