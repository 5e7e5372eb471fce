// Kept for src/lib/contact/site-facts.ts until it reads getSiteSettings() from ./site-settings.ts.
export { siteSettingsSchema, type SiteSettings } from './site-settings.ts';
