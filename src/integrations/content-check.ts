/**
 * Checks every markdown content file against its collection's schema, outside Astro's own
 * content sync: for the running `npm start`, where Astro reports a failing entry only in the
 * terminal, and for the tests. Messages name the file and the field, as the owner would fix them.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'astro/zod';
import { splitFrontMatter } from '../lib/front-matter.ts';

export const MARKDOWN_COLLECTIONS = ['locations', 'faq', 'pages', 'team'] as const;
export type MarkdownCollection = (typeof MARKDOWN_COLLECTIONS)[number];

/** The `collections` export of src/content.config.ts, as far as these checks need it. */
export type Collections = Record<MarkdownCollection, { schema?: unknown }>;

/**
 * The zod schema of a collection as Astro applies it. Astro's `image()` checks that the file
 * exists; this stand-in does the same for a path relative to the entry, like ./jane.jpg.
 */
export function schemaFor(collections: Collections, collection: MarkdownCollection, file = 'src/content/team/entry.md'): z.ZodType {
  const schema = collections[collection].schema;
  if (typeof schema !== 'function') return schema as z.ZodType;
  // Only paths relative to the entry are checked here; Astro resolves any other kind itself.
  const image = () =>
    z.string().refine((path) => !path.startsWith('.') || existsSync(join(dirname(file), path)), { message: 'The photo file was not found next to this entry.' });
  return schema({ image }) as z.ZodType;
}

/** The first message of each failing field, keyed by the field's name. */
export function fieldMessages(result: { success: boolean; error?: z.ZodError }): Record<string, string> {
  if (result.success || !result.error) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.') || '(entry)'] ??= issue.message;
  return out;
}

/** A markdown file of a collection: its path from the project folder, and its text. */
export interface ContentFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The markdown files of a collection, as Astro's glob loader reads them. Names starting with "."
 * or "_" are skipped: editor lock files, macOS "._" copies and drafts kept aside, which Astro
 * ignores too (or which these checks can safely leave out).
 */
export async function contentFiles(root: string, collection: MarkdownCollection): Promise<ContentFile[]> {
  const dir = `src/content/${collection}`;
  const names = (await readdir(join(root, dir)).catch(() => [] as string[])).filter((name) => /^[^._].*\.mdx?$/.test(name)).sort();
  const files = await Promise.all(
    names.map(async (name) => ({ path: `${dir}/${name}`, text: await readFile(join(root, dir, name), 'utf8').catch(() => undefined) })),
  );
  return files.filter((file): file is ContentFile => file.text !== undefined);
}

/** The settings at the top of a markdown file, or undefined when there are none to check. */
export function frontMatterData(text: string): Record<string, unknown> | undefined {
  const frontMatter = splitFrontMatter(text);
  if (!frontMatter || frontMatter.toml) return undefined;
  try {
    const data: unknown = load(frontMatter.yaml) ?? {};
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One line per field that fails its schema, like `src/content/faq/x.md: question: End the question
 * with a question mark.` Files whose settings block cannot be read are left to frontMatterProblem().
 */
export async function schemaProblems(collections: Collections, root = '.'): Promise<string[]> {
  const problems: string[] = [];
  for (const collection of MARKDOWN_COLLECTIONS) {
    for (const { path, text } of await contentFiles(root, collection)) {
      const data = frontMatterData(text);
      if (data === undefined) continue;
      const messages = fieldMessages(schemaFor(collections, collection, join(root, path)).safeParse(data));
      for (const [field, message] of Object.entries(messages)) {
        problems.push(`${path}: ${field === '(entry)' ? '' : `${field}: `}${message}`);
      }
    }
  }
  return problems;
}
