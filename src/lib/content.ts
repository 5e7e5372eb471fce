import { getCollection, getEntry, type CollectionEntry } from 'astro:content';

/** Reading the owner's content: published entries in the owner's order, and the pages. */

/** Filter for `getCollection`: entries marked `draft: true` stay off the site. */
export function isPublished(entry: { data: { draft: boolean } }): boolean {
  return !entry.data.draft;
}

/** Sorts entries by their `order` field, then by id so equal orders stay stable between builds. */
export function byOrder(a: { id: string; data: { order: number } }, b: { id: string; data: { order: number } }): number {
  return a.data.order - b.data.order || a.id.localeCompare(b.id);
}

/** The published entries of a collection, in the owner's order. */
export async function getPublished<C extends 'faq' | 'locations' | 'team'>(collection: C): Promise<CollectionEntry<C>[]> {
  return (await getCollection(collection, isPublished)).sort(byOrder);
}

/** A page from src/content/pages; a missing one fails the build with its file name. */
export async function getPage(id: string): Promise<CollectionEntry<'pages'>> {
  const entry = await getEntry('pages', id);
  if (!entry) throw new Error(`src/content/pages/${id}.md is missing: this page's route needs it.`);
  return entry;
}
