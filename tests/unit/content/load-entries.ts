import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { collections } from '../../../src/content.config.ts';
import { fieldMessages, schemaFor as schemaForCollection, type MarkdownCollection } from '../../../src/integrations/content-check.ts';

export type CollectionName = MarkdownCollection;

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

/** The zod schema of a collection as Astro applies it (see src/integrations/content-check.ts). */
export function schemaFor(collection: CollectionName, file?: string) {
  return schemaForCollection(collections, collection, file);
}

/** The first readable message of each failing field, as the owner would see it. */
export const messages = fieldMessages;
