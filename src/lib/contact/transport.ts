/** What the function hands to a transport: everything already rendered, sanitized and escaped. */

export interface EmailTag {
  readonly name: string;
  readonly value: string;
}

export interface OutgoingEmail {
  /** The verified studio sender (CONTACT_FROM). Never visitor input. */
  readonly from: string;
  /** The studio inbox or inboxes (CONTACT_TO). */
  readonly to: readonly string[];
  /** The visitor's address, so the studio can simply press Reply. */
  readonly replyTo: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly tags: readonly EmailTag[];
}

/**
 * Why an inquiry was not delivered, in the terms the visitor's answer depends on:
 * - `unavailable`: the provider could not be reached or was busy (timeouts, 429, 5xx): answer 503.
 * - `refused`: the provider answered and said no (bad sender, bad key): answer 502.
 * - `conflict`: the same idempotency key already carried a different inquiry: answer 409.
 */
export type DeliveryFailure = 'unavailable' | 'refused' | 'conflict';

export type DeliveryResult =
  | {
      readonly ok: true;
      /** The provider's id for the message (Resend's email id, or the outbox file name). */
      readonly messageId: string;
      readonly attempts: number;
      /** True when the key had already been delivered and nothing new was sent. */
      readonly duplicate?: boolean;
      /** Where the outbox wrote the message, for the local server log. */
      readonly savedTo?: string;
    }
  | {
      readonly ok: false;
      readonly failure: DeliveryFailure;
      readonly attempts: number;
      /** For the log only: an error name and status code, never provider message text (it can echo addresses). */
      readonly detail: string;
    };

export interface Transport {
  /** For the log: which transport handled the inquiry. */
  readonly name: string;
  /**
   * Delivers the email at most once per idempotency key. Resolves, never rejects: every failure is
   * a DeliveryResult.
   */
  send(email: OutgoingEmail, idempotencyKey: string): Promise<DeliveryResult>;
}
