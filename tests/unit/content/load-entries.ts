import { z } from 'astro/zod';
import { collections } from '../../../src/content.config.ts';
import { contentEntries, type ContentEntry } from '../../support/content.ts';

export type CollectionName = 'home' | 'locations' | 'faq' | 'pages' | 'team';

/** Every markdown entry of a collection. The home page's file sits with the other pages but has a collection of its own. */
export function readEntries(collection: CollectionName): ContentEntry<Record<string, unknown>>[] {
  if (collection === 'home') return contentEntries('pages').filter((entry) => entry.id === 'home');
  if (collection === 'pages') return contentEntries('pages').filter((entry) => entry.id !== 'home');
  return contentEntries(collection);
}

/**
 * The zod schema of a collection. Astro's `image()` becomes a plain path by default (the loader
 * checks that the photo exists); `image` gives it another stand-in.
 */
export function schemaFor(collection: CollectionName, image: () => z.ZodType = () => z.string()): z.ZodType {
  const schema: unknown = collections[collection].schema;
  return (typeof schema === 'function' ? schema({ image }) : schema) as z.ZodType;
}

/** The first readable message of each failing field, as the owner would see it. */
export function messages(result: { success: boolean; error?: z.ZodError }): Record<string, string> {
  if (result.success || !result.error) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.') || '(entry)'] ??= issue.message;
  return out;
}
