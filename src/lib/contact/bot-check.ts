import { FILL_TIME_FIELD, HONEYPOT_FIELD, MINIMUM_FILL_TIME_MS } from './fields.ts';

/** Why a post looks automated, or undefined when it looks like a person. */
export type BotSign = 'honeypot' | 'too-fast';

/**
 * Looks at the raw fields (the handler checks the honeypot before validation and the speed after it).
 *
 * - The honeypot field is hidden from people and assistive technology: any value in it is a bot.
 * - `fillMs` is how long the form was on screen, measured by the browser (set by the form's script;
 *   absent without JavaScript, and then the check is skipped). A claim under the minimum fill time
 *   is a bot: the script itself never sends that soon. A nonsense value is ignored rather than
 *   throwing away a real inquiry.
 */
export function botSignOf(fields: Readonly<Record<string, unknown>>): BotSign | undefined {
  // A form posted twice over (`website=&website=`) sends the empty trap as a list of blanks.
  const traps = [fields[HONEYPOT_FIELD]].flat();
  if (traps.some((trap) => trap !== undefined && trap !== null && !(typeof trap === 'string' && trap.trim() === ''))) return 'honeypot';

  const fill = fields[FILL_TIME_FIELD];
  const fillMs = typeof fill === 'number' ? fill : typeof fill === 'string' && /^\d{1,16}$/.test(fill.trim()) ? Number(fill) : NaN;
  if (Number.isSafeInteger(fillMs) && fillMs >= 0 && fillMs < MINIMUM_FILL_TIME_MS) return 'too-fast';
  return undefined;
}
