import { formatList } from './format-list.ts';
import type { SiteSettings } from './settings-schema.ts';

const WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

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
  const sorted = [...days].sort((a, b) => WEEK.indexOf(a as never) - WEEK.indexOf(b as never));
  const consecutive = sorted.every((day, i) => i === 0 || WEEK.indexOf(day as never) === WEEK.indexOf(sorted[i - 1] as never) + 1);
  if (sorted.length > 2 && consecutive) return `${sorted[0]} to ${sorted.at(-1)}`;
  return formatList(sorted);
}

/** One line per opening, e.g. "Monday to Friday, 9 a.m. to 6 p.m.". */
export function formatHours(hours: SiteSettings['hours']): string[] {
  return hours.map(({ days, opens, closes }) => `${formatDays(days)}, ${formatTime(opens)} to ${formatTime(closes)}`);
}
