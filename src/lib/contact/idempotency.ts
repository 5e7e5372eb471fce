import { createHash } from 'node:crypto';
import type { OutgoingEmail } from './transport.ts';

/**
 * The key that makes "send" happen at most once per inquiry, at Resend (which keeps keys 24 hours)
 * and in the local outbox: a SHA-256 of the whole email as it will be sent (sender, inboxes,
 * subject, both bodies, tags), plus the form script's per-inquiry `submissionId` when there is one.
 *
 * - A double click, a retry after a network error, or a re-post without JavaScript (Back and send
 *   again) renders the same email and sends nothing new.
 * - Anything that changes the email changes the key. Above all a corrected configuration: after the
 *   studio fixes a mistyped CONTACT_TO, the same answers go out again to the right inbox, where a
 *   key from the answers alone would meet Resend's "same key, different payload" (409) for 24 hours.
 * - With the script, two inquiries with identical answers sent on purpose (a new id each) both arrive.
 */
export function idempotencyKeyFor(email: OutgoingEmail, submissionId: string | undefined): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([submissionId ?? null, email]))
    .digest('hex');
  return `contact-${digest}`;
}
