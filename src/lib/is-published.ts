/** Filter for `getCollection`: entries marked `draft: true` stay off the site. */
export function isPublished(entry: { data: { draft: boolean } }): boolean {
  return !entry.data.draft;
}
