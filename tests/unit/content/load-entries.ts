import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import { z } from 'astro/zod';
import { collections } from '../../../src/content.config.ts';

export type CollectionName = 'home' | 'locations' | 'faq' | 'pages' | 'team';

export interface ContentFile {
  file: string;
  data: Record<string, unknown>;
  body: string;
}

/** Every markdown entry of a collection, its front matter read by Astro's own parser. The home page's file sits with the other pages. */
export function readEntries(collection: CollectionName): ContentFile[] {
  const dir = `src/content/${collection === 'home' ? 'pages' : collection}`;
  const isHome = (name: string) => dir === 'src/content/pages' && name === 'home.md';
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.mdx?$/.test(name) && isHome(name) === (collection === 'home'))
    .map((name) => {
      const file = join(dir, name);
      const { frontmatter, content } = parseFrontmatter(readFileSync(file, 'utf8'));
      return { file, data: frontmatter, body: content };
    });
}

/** The zod schema of a collection. Astro's `image()` becomes a plain path: the loader checks that the photo exists. */
export function schemaFor(collection: CollectionName): z.ZodType {
  const schema: unknown = collections[collection].schema;
  return (typeof schema === 'function' ? schema({ image: () => z.string() }) : schema) as z.ZodType;
}

/** The first readable message of each failing field, as the owner would see it. */
export function messages(result: { success: boolean; error?: z.ZodError }): Record<string, string> {
  if (result.success || !result.error) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.') || '(entry)'] ??= issue.message;
  return out;
}
