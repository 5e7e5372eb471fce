import { WEEK, type SiteSettings } from './site-settings.ts';

/** Text as pages show it: lists, opening hours, phone links, addresses, titles. */

const conjunction = new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' });

/** Items as a sentence reads them: "Lehi", "Lehi and Alpine", "Lehi, Alpine, and Draper". */
export function formatList(items: readonly string[]): string {
  return conjunction.format(items);
}

/** "09:00" → "9 a.m.", "13:30" → "1:30 p.m.", "12:00" → "noon" (AP style, easy to read aloud). */
export function formatTime(time: string): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  if (hours === 12 && minutes === 0) return 'noon';
  if (hours === 0 && minutes === 0) return 'midnight';
  const suffix = hours < 12 ? 'a.m.' : 'p.m.';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === 0 ? `${hour12} ${suffix}` : `${hour12}:${String(minutes).padStart(2, '0')} ${suffix}`;
}

/** ["Monday","Tuesday","Wednesday"] → "Monday to Wednesday"; other days are listed, "Monday, Wednesday, and Friday". */
export function formatDays(days: readonly string[]): string {
  const position = (day: string) => WEEK.indexOf(day as (typeof WEEK)[number]);
  const sorted = [...days].sort((a, b) => position(a) - position(b));
  const consecutive = sorted.every((day, i) => i === 0 || position(day) === position(sorted[i - 1] ?? '') + 1);
  if (sorted.length > 2 && consecutive) return `${sorted[0]} to ${sorted.at(-1)}`;
  return formatList(sorted);
}

/** One line per opening, e.g. "Monday to Friday, 9 a.m. to 6 p.m.". */
export function formatHours(hours: SiteSettings['hours']): string[] {
  return hours.map(({ days, opens, closes }) => `${formatDays(days)}, ${formatTime(opens)} to ${formatTime(closes)}`);
}

/**
 * Turns a phone number as people write it into a `tel:` link in international form.
 * Ten-digit numbers are taken as North American (+1).
 */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+')) return `tel:+${digits}`;
  if (digits.length === 10) return `tel:+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `tel:+${digits}`;
  return `tel:${digits}`;
}

/** The address on one line, as a map search or a screen reader reads it. */
export function addressLine({ street, city, region, postalCode }: SiteSettings['studioAddress']): string {
  return `${street}, ${city}, ${region} ${postalCode}`;
}

/** The owner's own map link when set, else a map search for the studio address. */
export function mapUrl(settings: Pick<SiteSettings, 'mapUrl' | 'studioAddress'>): string {
  if (settings.mapUrl) return settings.mapUrl;
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(addressLine(settings.studioAddress))}`;
}

/** "Fees and insurance | Pure Progression Music Therapy"; the home page uses the name alone. */
export function pageTitle(title: string | undefined, practiceName: string): string {
  return title && title !== practiceName ? `${title} | ${practiceName}` : practiceName;
}

/**
 * Splits text around hyphenated abbreviations such as "MT-BC", so a page can keep each on one line
 * (browsers may break after a hyphen, leaving "MT-" and "BC" on two lines). Items at odd positions
 * are the abbreviations; the text keeps its plain characters, so copying and screen readers stay natural.
 */
export function splitAbbreviations(text: string): string[] {
  return text.split(/\b([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\b/);
}

/**
 * Plain text from the simple markdown the owner writes (links, emphasis, paragraphs), for
 * structured data where HTML would be out of place. Line breaks go first, so emphasis that spans
 * two lines of the file is recognised too.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)/gm, '')
    .replace(/\s+/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .trim();
}
