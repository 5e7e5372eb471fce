import { collections } from '../../../src/content.config.ts';
import { fieldMessages, schemaFor as schemaForCollection, type MarkdownCollection } from '../../../src/integrations/content-check.ts';

export type CollectionName = MarkdownCollection;

/** The zod schema of a collection as Astro applies it (see src/integrations/content-check.ts). */
export function schemaFor(collection: CollectionName, file?: string) {
  return schemaForCollection(collections, collection, file);
}

/** The first readable message of each failing field, as the owner would see it. */
export const messages = fieldMessages;
