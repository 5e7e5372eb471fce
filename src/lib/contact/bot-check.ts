import { HONEYPOT_FIELD, MINIMUM_FILL_TIME_MS, STARTED_AT_FIELD } from './fields.ts';

/** Why a post looks automated, or undefined when it looks like a person. */
export type BotSign = 'honeypot' | 'too-fast';

/**
 * Looks at the raw fields (the handler checks the honeypot before validation and the speed after it).
 *
 * - The honeypot field is hidden from people and assistive technology: any value in it is a bot.
 * - `startedAt` is the browser's clock when the form appeared (set by the form's script; absent
 *   without JavaScript, and then the check is skipped). Posts less than the minimum fill time
 *   after it are bots. The browser's clock can differ from ours, so only a gap between 0 and the
 *   minimum counts: a negative gap (the visitor's clock is ahead) or a nonsense value is ignored
 *   rather than throwing away a real inquiry.
 */
export function botSignOf(fields: Readonly<Record<string, unknown>>, nowMs: number): BotSign | undefined {
  const trap = fields[HONEYPOT_FIELD];
  if (trap !== undefined && trap !== null && !(typeof trap === 'string' && trap.trim() === '')) return 'honeypot';

  const started = fields[STARTED_AT_FIELD];
  const startedMs = typeof started === 'number' ? started : typeof started === 'string' && /^\d{1,16}$/.test(started.trim()) ? Number(started) : NaN;
  if (Number.isSafeInteger(startedMs)) {
    const elapsed = nowMs - startedMs;
    if (elapsed >= 0 && elapsed < MINIMUM_FILL_TIME_MS) return 'too-fast';
  }
  return undefined;
}
