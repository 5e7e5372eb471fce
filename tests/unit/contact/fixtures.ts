import type { ContactLogEntry } from '../../../src/lib/contact/log.ts';
import type { SiteFacts } from '../../../src/lib/contact/site-facts.ts';
import type { DeliveryResult, OutgoingEmail, Transport } from '../../../src/lib/contact/transport.ts';

/** Obviously fictional people and places only. */
export const VALID_INQUIRY = {
  name: 'Test Parent',
  email: 'test@example.com',
  phone: '(801) 555-0123',
  contactMethod: 'email',
  role: 'family',
  ageGroup: 'child',
  setting: 'in-home',
  message: 'We would like to hear about sessions for our son.\nAfternoons suit us best.',
  consent: 'yes',
} as const;

export const SUBMISSION_ID = '0b3a6f2e-8a51-4c1e-9d3f-6a2b1c0d9e8f';

export const FACTS: SiteFacts = {
  practiceName: 'Test Music Therapy',
  phone: '(801) 555-0142',
  phoneHref: 'tel:+18015550142',
};

export const FIXED_NOW = new Date('2026-11-27T10:00:00.000Z');

export function formRequest(fields: Record<string, string>, init: RequestInit & { headers?: Record<string, string> } = {}): Request {
  return new Request('https://www.example.com/api/contact', {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    ...init,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
  });
}

export function jsonRequest(body: unknown, init: RequestInit & { headers?: Record<string, string> } = {}): Request {
  return new Request('https://www.example.com/api/contact', {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

/** A transport that records what it was given and answers from a script (default: sent). */
export function recordingTransport(answers: DeliveryResult[] = []) {
  const sent: { email: OutgoingEmail; key: string }[] = [];
  const transport: Transport = {
    name: 'fake',
    async send(email, key) {
      sent.push({ email, key });
      return answers.shift() ?? { ok: true, messageId: `msg-${sent.length}`, attempts: 1 };
    },
  };
  return { transport, sent };
}

export function recordingLogger() {
  const entries: ContactLogEntry[] = [];
  return { log: (entry: ContactLogEntry) => entries.push(entry), entries };
}
