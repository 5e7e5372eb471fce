import { expect, test } from 'vitest';
import { renderInquiryEmail } from '../../../src/lib/contact/email.ts';
import { idempotencyKeyFor } from '../../../src/lib/contact/idempotency.ts';
import { contactSchema } from '../../../src/lib/contact/schema.ts';
import { SUBMISSION_ID, VALID_INQUIRY } from './fixtures.ts';

const ENVELOPE = { from: 'Website <website@example.com>', to: ['studio@example.com'], practiceName: 'Test Music Therapy' };

function keyOf(changes: Record<string, unknown> = {}, envelope: Partial<typeof ENVELOPE> = {}) {
  const inquiry = contactSchema.parse({ ...VALID_INQUIRY, ...changes });
  return idempotencyKeyFor(renderInquiryEmail(inquiry, { ...ENVELOPE, ...envelope }), inquiry.submissionId);
}

test('the same post twice gives the same key, with or without the script', () => {
  expect(keyOf()).toMatch(/^contact-[0-9a-f]{64}$/);
  expect(keyOf({ name: '  Test Parent  ' })).toBe(keyOf()); // trimmed by the schema first
  expect(keyOf({ submissionId: SUBMISSION_ID })).toBe(keyOf({ submissionId: SUBMISSION_ID }));
});

test.each([
  ['another message', { message: 'Something else' }, {}],
  ['another email', { email: 'other@example.com' }, {}],
  ['another setting', { setting: 'school' }, {}],
  ['a phone added', { phone: '801 555 0199' }, {}],
  ["the script's id for a new inquiry", { submissionId: SUBMISSION_ID }, {}],
  ['a corrected studio inbox', {}, { to: ['studio@example.org'] }],
  ['another sender', {}, { from: 'Studio <hello@example.com>' }],
  ['a renamed practice', {}, { practiceName: 'Other Music Therapy' }],
])('anything that changes the email changes the key: %s', (_label, changes, envelope) => {
  expect(keyOf(changes, envelope)).not.toBe(keyOf());
});
