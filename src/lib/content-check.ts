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

export const MARKDOWN_COLLECTIONS = ['locations', 'faq', 'pages', 'team'] as const;
export type MarkdownCollection = (typeof MARKDOWN_COLLECTIONS)[number];

/** The `collections` export of src/content.config.ts, as far as these checks need it. */
export type Collections = Record<MarkdownCollection, { schema?: unknown }>;

/**
 * The zod schema of a collection as Astro applies it. Astro's `image()` checks that the file
 * exists next to the entry; this stand-in does the same, so a missing photo is reported too.
 */
export function schemaFor(collections: Collections, collection: MarkdownCollection, file = 'src/content/team/entry.md'): z.ZodType {
  const schema = collections[collection].schema;
  if (typeof schema !== 'function') return schema as z.ZodType;
  const image = () =>
    z.string().refine((path) => existsSync(join(dirname(file), path)), { message: 'The photo file was not found next to this entry.' });
  return schema({ image }) as z.ZodType;
}

/** The first message of each failing field, keyed by the field's name. */
export function fieldMessages(result: { success: boolean; error?: z.ZodError }): Record<string, string> {
  if (result.success || !result.error) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.') || '(entry)'] ??= issue.message;
  return out;
}

/** The settings block at the top of a markdown file, or undefined when it cannot be read. */
export function frontMatterData(text: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match) return undefined;
  try {
    return load(match[1] ?? '') ?? {};
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
    const dir = `src/content/${collection}`;
    const names = (await readdir(join(root, dir)).catch(() => [] as string[])).filter((name) => /\.mdx?$/.test(name)).sort();
    for (const name of names) {
      const file = join(root, dir, name);
      const data = frontMatterData(await readFile(file, 'utf8'));
      if (data === undefined) continue;
      const messages = fieldMessages(schemaFor(collections, collection, file).safeParse(data));
      for (const [field, message] of Object.entries(messages)) {
        problems.push(`${dir}/${name}: ${field === '(entry)' ? '' : `${field}: `}${message}`);
      }
    }
  }
  return problems;
}
