import { expect } from 'vitest';
import { createContactHandler } from '../../../netlify/functions/contact/index.ts';
import type { ContactDeps, ContactLogEntry } from '../../../netlify/functions/contact/index.ts';
import type { OutgoingEmail } from '../../../netlify/functions/contact/email.ts';
import type { SiteFacts } from '../../../netlify/functions/contact/replies.ts';
import type { Mail, SendResult } from '../../../netlify/functions/contact/send.ts';

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

/** What the function reads from settings.json, for a fictional practice. */
export const FACTS: SiteFacts = { practiceName: 'Test Music Therapy', phone: '(801) 555-0142' };

/** The setting choices of src/content/locations/, as the function reads them. */
export const LOCATIONS = [
  { value: 'in-home', label: 'In your home' },
  { value: 'school', label: 'At school' },
  { value: 'studio', label: 'At our studio in Lehi' },
  { value: 'virtual', label: 'Online (virtual sessions)' },
];

export const FIXED_NOW = new Date('2026-11-27T10:00:00.000Z');

/** An email as the function hands it to a transport: rendered, to two studio inboxes, with both tags. */
export const OUTGOING_EMAIL: OutgoingEmail = {
  from: 'Website <website@example.com>',
  to: ['studio@example.com', 'owner@example.com'],
  replyTo: 'test@example.com',
  subject: 'Website inquiry from Test Parent (In your home)',
  text: 'New inquiry\n\nMessage:\nHello there',
  html: '<p>Hello there</p>',
  tags: [
    { name: 'source', value: 'website-contact' },
    { name: 'setting', value: 'in-home' },
  ],
};

/** The id every log line carries: a random UUID. */
export const LOG_ID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

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

/** The studio's envelope the recording handler is configured with. */
export const TEST_ENV: Record<string, string> = { RESEND_API_KEY: 're_test_0123456789', CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'Website <website@example.com>' };

/**
 * The handler as the function runs it, but with a send that records what it was given and answers
 * from a script (default: sent), fixed site facts and a log kept in memory; `deps` replace one part each.
 */
export function testHandler(options: { answers?: SendResult[] } & Partial<ContactDeps> = {}) {
  const { answers = [], ...deps } = options;
  const sent: { mail: Mail; email: OutgoingEmail; key: string }[] = [];
  const entries: ContactLogEntry[] = [];
  const handle = createContactHandler({
    env: (name) => TEST_ENV[name],
    send: async (mail, email, key) => {
      sent.push({ mail, email, key });
      return answers.shift() ?? { ok: true, messageId: `msg-${sent.length}`, attempts: 1 };
    },
    siteFacts: async () => FACTS,
    log: (entry) => entries.push(entry),
    ...deps,
  });
  return { handle, sent, entries };
}
