import type { SiteSettings } from './settings-schema.ts';

/** Marks that a value is still the shipped example, even if its name was taken off the list. */
const EXAMPLE_PATTERNS: Array<[keyof SiteSettings, RegExp]> = [
  ['siteUrl', /example\.(com|org|net)/i],
  ['email', /@example\.(com|org|net)\b/i],
  ['phone', /555[^\d]*01\d\d/],
  ['studioAddress', /example/i],
];

/**
 * Names of the site settings that still hold example values: those the owner has not yet
 * removed from `examplesToReplace`, plus any that still look like the shipped examples.
 */
export function remainingExamples(settings: SiteSettings): string[] {
  // Settings that failed their check still get here, so nothing about their shape is assumed.
  const listed: unknown = settings.examplesToReplace;
  const remaining = new Set<string>(Array.isArray(listed) ? listed.filter((key) => typeof key === 'string') : []);
  for (const [key, pattern] of EXAMPLE_PATTERNS) {
    if (pattern.test(JSON.stringify(settings[key]) ?? '')) remaining.add(key);
  }
  return [...remaining].sort();
}
