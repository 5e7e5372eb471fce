import { createHash } from 'node:crypto';
import { CONTACT_FIELDS } from './fields.ts';
import type { ContactField } from './fields.ts';
import type { Inquiry } from './schema.ts';

/**
 * The key that makes "send" happen at most once per inquiry, at Resend (which keeps keys 24 hours)
 * and in the local outbox.
 *
 * - With the form's script: the per-inquiry `submissionId` it generated (already checked to be a
 *   safe token), so a double click or a retry after a network error sends one email.
 * - Without JavaScript: a SHA-256 of the validated answers, so a second identical post (Back and
 *   submit again, a reload that re-posts) sends nothing new.
 *
 * The hash covers exactly the values the email is rendered from (after the schema trimmed them),
 * nothing looser: two posts whose emails would differ must never share a key, or Resend would
 * answer 409 to the second.
 */
export function idempotencyKeyFor(inquiry: Inquiry): string {
  if (inquiry.submissionId) return `contact-${inquiry.submissionId}`;
  const values = CONTACT_FIELDS.map((field: ContactField) => [
    field.name,
    (inquiry as Record<string, unknown>)[field.name] ?? null,
  ]);
  const digest = createHash('sha256').update(JSON.stringify(values)).digest('hex');
  return `contact-sha256-${digest}`;
}
