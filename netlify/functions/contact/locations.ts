import { readFile, readdir } from 'node:fs/promises';
// Astro's own front-matter reader, without the build tooling around it.
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { slug } from 'github-slugger';
import { locationChoice, type FieldOption } from '../../../src/lib/contact/fields.ts';

/**
 * The settings a visitor may choose, read at run time from src/content/locations/ (netlify.toml
 * ships the files with the function): the bundled function has no `astro:content`, and a list in
 * the code would be a second home. Every entry counts, drafts too, as `<id>.md` or `<id>/index.md`,
 * with ids as Astro's glob loader makes them.
 */

const LOCATIONS_FOLDER = new URL('../../../src/content/locations/', import.meta.url);

/** `problem` is an error code such as ENOENT: never a path or content. */
export type LocationList = { readonly ok: true; readonly choices: readonly FieldOption[] } | { readonly ok: false; readonly problem: string };

/** A front-matter value that is text; a broken file is named by its id instead. */
const textIn = (data: Record<string, unknown> | undefined, key: string) => (typeof data?.[key] === 'string' && data[key].trim() ? data[key].trim() : undefined);

async function choiceFor(folder: URL, path: string): Promise<FieldOption> {
  const id = path.replace(/(\/index)?\.mdx?$/, '').split('/').map((segment) => slug(segment)).join('/');
  const data = await readFile(new URL(path, folder), 'utf8').then((text) => parseFrontmatter(text).frontmatter as Record<string, unknown>).catch(() => undefined);
  return locationChoice(id, { title: textIn(data, 'title') ?? id, formLabel: textIn(data, 'formLabel') });
}

async function readFolder(folder: URL): Promise<LocationList> {
  try {
    // As Astro's glob loader: markdown files, not hidden ones or those kept aside with a leading "_".
    const paths = (await readdir(folder, { recursive: true })).map((path) => path.replaceAll('\\', '/')).filter((path) => /^(?:[^._/][^/]*\/)*[^._/][^/]*\.mdx?$/.test(path));
    return { ok: true, choices: await Promise.all(paths.sort().map((path) => choiceFor(folder, path))) };
  } catch (error) {
    return { ok: false, problem: String((error as { code?: unknown }).code ?? 'unreadable') };
  }
}

const cache = new Map<string, Promise<LocationList>>();

/** Read once per instance (deployed files never change); a failed read is tried again next time. */
export function readLocations(folder: URL = LOCATIONS_FOLDER): Promise<LocationList> {
  let read = cache.get(folder.href);
  if (!read) {
    cache.set(folder.href, (read = readFolder(folder)));
    void read.then((result) => result.ok || cache.delete(folder.href));
  }
  return read;
}
