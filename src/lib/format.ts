import { WEEK, type SiteSettings } from './site-settings.ts';

/** Text as pages show it: lists, opening hours, phone links, map links. */

const conjunction = new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' });

/** Items as a sentence reads them: "Lehi", "Lehi and Alpine", "Lehi, Alpine, and Draper". */
export const formatList = (items: readonly string[]): string => conjunction.format(items);

/** "09:00" → "9 a.m.", "13:30" → "1:30 p.m.", "12:00" → "noon" (AP style, easy to read aloud). */
export function formatTime(time: string): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  if (minutes === 0 && hours % 12 === 0) return hours === 12 ? 'noon' : 'midnight';
  const hour12 = hours % 12 || 12;
  return `${hour12}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`} ${hours < 12 ? 'a.m.' : 'p.m.'}`;
}

/** Three or more consecutive days as a range, "Monday to Friday"; other days as a list. */
export function formatDays(days: readonly string[]): string {
  const positions = days.map((day) => WEEK.indexOf(day as (typeof WEEK)[number])).sort((a, b) => a - b);
  const sorted = positions.map((position) => WEEK[position]!);
  const consecutive = positions.every((position, i) => i === 0 || position === positions[i - 1]! + 1);
  return sorted.length > 2 && consecutive ? `${sorted[0]} to ${sorted.at(-1)}` : formatList(sorted);
}

/** One line per opening, e.g. "Monday to Friday, 9 a.m. to 6 p.m.". */
export function formatHours(hours: SiteSettings['hours']): string[] {
  return hours.map(({ days, opens, closes }) => `${formatDays(days)}, ${formatTime(opens)} to ${formatTime(closes)}`);
}

/** A `tel:` link in international form; ten-digit numbers are taken as North American (+1). */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+') || (digits.length === 11 && digits.startsWith('1'))) return `tel:+${digits}`;
  return digits.length === 10 ? `tel:+1${digits}` : `tel:${digits}`;
}

/** The address on one line, as a map search or a screen reader reads it. */
export function addressLine({ street, city, region, postalCode }: SiteSettings['studioAddress']): string {
  return `${street}, ${city}, ${region} ${postalCode}`;
}

/** The owner's own map link when set, else a map search for the studio address. */
export function mapUrl(settings: Pick<SiteSettings, 'mapUrl' | 'studioAddress'>): string {
  return settings.mapUrl || `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(addressLine(settings.studioAddress))}`;
}
