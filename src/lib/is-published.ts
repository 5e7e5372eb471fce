// Kept for src/pages/contact/index.astro until it lists locations with getPublished() from ./content.ts.
// Drafts are no longer loaded at all (src/lib/content-check.ts), so this filter keeps everything it gets.
export const isPublished = (entry: { data: { draft: boolean } }): boolean => !entry.data.draft;
