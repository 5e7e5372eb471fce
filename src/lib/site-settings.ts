import { getEntry } from 'astro:content';
import type { SiteSettings } from './settings-schema.ts';

/** The one settings entry every page and component reads (src/content/settings.json, key "site"). */
export async function getSiteSettings(): Promise<SiteSettings> {
  const entry = await getEntry('settings', 'site');
  // Astro drops an entry that fails its schema, so a missing entry usually means a wrong value.
  if (!entry) {
    throw new Error(
      'src/content/settings.json could not be used: a value in it fails its check, or the block named "site" is missing. ' +
        'The terminal says which value and how to fix it; `npm run placeholders` lists it too.',
    );
  }
  return entry.data;
}
