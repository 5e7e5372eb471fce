import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'astro/zod';
import { collections } from '../../../src/content.config.ts';

export type CollectionName = 'locations' | 'faq' | 'pages' | 'team';

export interface ContentFile {
  file: string;
  data: unknown;
  body: string;
}

/** Every markdown entry of a collection, front matter parsed with the YAML parser Astro uses. */
export function readEntries(collection: CollectionName): ContentFile[] {
  const dir = `src/content/${collection}`;
  return readdirSync(dir)
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => {
      const file = join(dir, name);
      const [, frontMatter = '', body = ''] = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(readFileSync(file, 'utf8')) ?? [];
      return { file, data: load(frontMatter), body };
    });
}

/**
 * The zod schema of a collection as Astro applies it. Astro's `image()` checks that the file
 * exists next to the entry; this stand-in does the same, so a missing photo fails here too.
 */
export function schemaFor(collection: CollectionName, file = 'src/content/team/entry.md') {
  const schema = collections[collection].schema;
  if (typeof schema !== 'function') return schema as z.ZodType;
  const image = () =>
    z.string().refine((path) => existsSync(join(dirname(file), path)), { message: 'The photo file was not found next to this entry.' });
  return schema({ image } as never) as z.ZodType;
}

/** The first readable message of each failing field, as the owner would see it. */
export function messages(result: { success: boolean; error?: z.ZodError }): Record<string, string> {
  if (result.success || !result.error) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.') || '(entry)'] ??= issue.message;
  return out;
}
