import { getEntry } from 'astro:content';

/** A long-form page from src/content/pages; a missing or draft page fails the build with its file name. */
export async function getPage(id: string) {
  const entry = await getEntry('pages', id);
  if (!entry) throw new Error(`src/content/pages/${id}.md is missing: this page's route needs it.`);
  if (entry.data.draft) {
    throw new Error(
      `src/content/pages/${id}.md is marked draft: true, but this page is always published. ` +
        'Remove the draft: true line, or ask a developer to remove the page and its route.',
    );
  }
  return entry;
}
