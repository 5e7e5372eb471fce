import { getEntry } from 'astro:content';
import type { SiteSettings } from './settings-schema.ts';

/** The one settings entry every page and component reads (src/content/settings.json, key "site"). */
export async function getSiteSettings(): Promise<SiteSettings> {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('src/content/settings.json must hold one entry named "site".');
  return entry.data;
}
