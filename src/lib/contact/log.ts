/**
 * One log line per inquiry: an id and an outcome, plus delivery facts. The type has no place for
 * names, addresses, phone numbers or messages, and nothing here accepts free text from a visitor.
 */
export interface ContactLogEntry {
  /** Random per request; ties the log line to nothing personal. */
  readonly id: string;
  /** e.g. "sent", "invalid", "discarded-honeypot", "unavailable", "misconfigured". */
  readonly outcome: string;
  readonly status: number;
  readonly transport?: string;
  readonly attempts?: number;
  /** The provider's message id (Resend email id or outbox file name). */
  readonly messageId?: string;
  /** The same inquiry had already been delivered under its idempotency key: nothing new was sent. */
  readonly duplicate?: true;
  /** Local outbox only: where the inquiry is saved. */
  readonly savedTo?: string;
  /** Provider error name and status code, never provider message text. */
  readonly detail?: string;
  /** Configuration problems: variable names and rules, never values. */
  readonly problems?: readonly string[];
  /** Field names that failed validation (not their values). */
  readonly fields?: readonly string[];
}

export type ContactLogger = (entry: ContactLogEntry) => void;

/** Writes one JSON line per inquiry to the function log; locally, also where the inquiry went, in words. */
export const consoleLogger: ContactLogger = (entry) => {
  const line = `[contact] ${JSON.stringify(entry)}`;
  if (entry.status >= 500) console.error(line);
  else console.log(line);
  if (entry.savedTo && entry.duplicate) {
    console.log(`[contact] Already saved in ${entry.savedTo}: the same inquiry was sent again, and nothing new was written.`);
  } else if (entry.savedTo) {
    console.log(`[contact] No RESEND_API_KEY, so no email was sent: the inquiry is saved in ${entry.savedTo}`);
  }
};
