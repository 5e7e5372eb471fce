import { expect } from 'vitest';
import { PRACTICE, SUBMISSION_ID, VALID_INQUIRY, jsonRequest } from '../unit/contact/fixtures.ts';

/** The answers the visitor may get when Resend fails, shared by the two fault files (run in parallel). */

export const inquiry = () => jsonRequest({ ...VALID_INQUIRY, submissionId: SUBMISSION_ID });

export async function expectNotSent(response: Response, status: number) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body).toMatchObject({ ok: false, phone: PRACTICE.phone });
  expect(body.message).toContain('NOT sent');
  expect(body.message).toContain(PRACTICE.phone);
}

/** A 504 that says we could not confirm it, that sending again is safe, and the number: never "NOT sent". */
export async function expectUnconfirmed(response: Response) {
  expect(response.status).toBe(504);
  const body = await response.json();
  expect(body).toMatchObject({ ok: false, phone: PRACTICE.phone });
  expect(body.message).toContain('could not confirm');
  expect(body.message).toContain('will not send it twice');
  expect(body.message).not.toMatch(/NOT sent|has been sent/);
}

