import { afterAll, afterEach, beforeAll } from 'vitest';
import { startResendStandIn, type ResendStandIn } from '../support/resend-stand-in.ts';

/**
 * One local Resend stand-in for a test file, accepting `apiKey`, started before its tests, emptied
 * after each and closed at the end. Returns a getter: the stand-in exists once beforeAll has run.
 */
export function useResendStandIn(apiKey: string): () => ResendStandIn {
  let standIn: ResendStandIn | undefined;
  beforeAll(async () => {
    standIn = await startResendStandIn({ apiKey });
  });
  afterAll(async () => {
    await standIn?.close();
  });
  afterEach(() => {
    standIn?.reset();
  });
  return () => {
    if (!standIn) throw new Error('The Resend stand-in starts in beforeAll: use it inside a test.');
    return standIn;
  };
}
