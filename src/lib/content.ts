/** Reading the owner's content: published entries in the owner's order, and the pages. */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';

type Ordered = { id: string; data: { order: number } };

/** By `order`, then by id, so that equal orders stay stable between builds. */
export const byOrder = (a: Ordered, b: Ordered): number => a.data.order - b.data.order || a.id.localeCompare(b.id);

/** The published entries of a collection, in the owner's order (drafts are never stored: content-check.ts). */
export const getPublished = async <C extends 'faq' | 'locations' | 'team'>(collection: C): Promise<CollectionEntry<C>[]> => (await getCollection(collection)).sort(byOrder);

/** A page from src/content/pages; a missing one fails the build with its file name. */
export async function getPage(id: string): Promise<CollectionEntry<'pages'>> {
  const entry = await getEntry('pages', id);
  if (!entry) throw new Error(`src/content/pages/${id}.md is missing: this page's route needs it.`);
  return entry;
}
