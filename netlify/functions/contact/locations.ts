import { readFile, readdir } from 'node:fs/promises';
// Astro's own front-matter reader (what `astro/markdown` re-exports, without the build tooling around it).
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { slug } from 'github-slugger';
import { locationChoice } from '../../../src/lib/contact/fields.ts';
import type { FieldOption } from '../../../src/lib/contact/fields.ts';

/**
 * The settings a visitor may choose, read at run time from src/content/locations/<id>/index.md (which
 * netlify.toml ships with the function): the bundled function has no `astro:content`, and a list in
 * the code would be a second home. Every file counts, drafts too, with ids as Astro's glob loader
 * makes them. An unreadable folder never costs an inquiry: the caller takes any id-shaped answer.
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
  const id = slug(name.replace(/(\/index)?\.mdx?$/, ''));
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
    names = await readdir(folder, { recursive: true });
  } catch (error) {
    return { ok: false, problem: String((error as { code?: unknown }).code ?? 'unreadable') };
  }
  // As Astro's glob loader: <id>/index.md or <id>.md, not hidden ones or those kept aside with a leading "_".
  const files = names.filter((name) => /^[^._/][^/]*(\/index)?\.mdx?$/.test(name)).sort();
  return { ok: true, choices: await Promise.all(files.map((name) => choiceFor(folder, name))) };
}

const cache = new Map<string, Promise<LocationChoices>>();

/** Read once per instance (deployed files never change); a failed read is tried again next time. */
export function readLocationChoices(folder: URL = LOCATIONS_FOLDER): Promise<LocationChoices> {
  let read = cache.get(folder.href);
  if (!read) {
    read = readFolder(folder);
    cache.set(folder.href, read);
    void read.then((result) => result.ok || cache.delete(folder.href));
  }
  return read;
}
