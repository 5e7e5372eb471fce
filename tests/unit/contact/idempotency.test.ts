import { expect, test } from 'vitest';
import { idempotencyKeyFor } from '../../../src/lib/contact/idempotency.ts';
import { contactSchema } from '../../../src/lib/contact/schema.ts';
import { SUBMISSION_ID, VALID_INQUIRY } from './fixtures.ts';

const parse = (changes: Record<string, unknown> = {}) => contactSchema.parse({ ...VALID_INQUIRY, ...changes });

test("uses the script's submission id when there is one", () => {
  expect(idempotencyKeyFor(parse({ submissionId: SUBMISSION_ID }))).toBe(`contact-${SUBMISSION_ID}`);
});

test('without one, hashes the validated answers: the same post twice gives the same key', () => {
  const key = idempotencyKeyFor(parse());
  expect(key).toMatch(/^contact-sha256-[0-9a-f]{64}$/);
  expect(idempotencyKeyFor(parse({ name: '  Test Parent  ' }))).toBe(key); // trimmed by the schema first
});

test.each([
  ['another message', { message: 'Something else' }],
  ['another email', { email: 'other@example.com' }],
  ['another setting', { setting: 'school' }],
  ['a phone added', { phone: '801 555 0199' }],
])('different answers give a different key: %s', (_label, changes) => {
  expect(idempotencyKeyFor(parse(changes))).not.toBe(idempotencyKeyFor(parse()));
});
