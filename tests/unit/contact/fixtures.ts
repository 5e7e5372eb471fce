import type { Context } from '@netlify/functions';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import contact from '../../../netlify/functions/contact/index.ts';
import { startResendStandIn, type ResendStandIn } from '../../support/resend-stand-in.ts';

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

/** The practice's example values in src/content/settings.json, which the function reads. */
export const PRACTICE = { name: 'Pure Progression Music Therapy', phone: '(801) 555-0142', tel: 'tel:+18015550142' };

/** The setting choices of src/content/locations/, as the function reads them. */
export const LOCATIONS = [
  { value: 'in-home', label: 'In your home' },
  { value: 'school', label: 'At school' },
  { value: 'studio', label: 'At our studio in Lehi' },
  { value: 'virtual', label: 'Online (virtual sessions)' },
];

/** The id every log line carries: a random UUID. */
export const LOG_ID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

type Init = RequestInit & { headers?: Record<string, string> };

export function formRequest(fields: Record<string, string>, init: Init = {}): Request {
  const body = new URLSearchParams(fields).toString();
  return new Request('https://www.example.com/api/contact', { method: 'POST', body, ...init, headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers } });
}

export function jsonRequest(body: unknown, init: Init = {}): Request {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Request('https://www.example.com/api/contact', { method: 'POST', body: text, ...init, headers: { 'content-type': 'application/json', ...init.headers } });
}

/** An email as the SDK puts it on the wire. */
export interface WireEmail { from: string; to: string[]; reply_to: string; subject: string; text: string; html: string; tags: { name: string; value: string }[] }

export const API_KEY = 're_test_0123456789';
export const STUDIO_ENV = { RESEND_API_KEY: API_KEY, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'Website <website@example.com>' };

/**
 * The real function for a test file, configured by its environment as when deployed: the Resend
 * SDK sends to a local stand-in (RESEND_BASE_URL), and the console is kept instead of printed.
 * `post` calls the function in a deploy context (production unless given).
 */
export function useContactFunction() {
  let standIn: ResendStandIn | undefined;
  const lines: string[] = [];
  beforeAll(async () => {
    standIn = await startResendStandIn({ apiKey: API_KEY });
  });
  afterAll(() => standIn?.close());
  beforeEach(() => {
    for (const [name, value] of Object.entries({ ...STUDIO_ENV, RESEND_BASE_URL: standIn!.url })) vi.stubEnv(name, value);
    vi.stubEnv('CONTACT_OUTBOX_DIR', undefined);
    for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((...args) => void lines.push(args.join(' ')));
  });
  afterEach(() => {
    standIn?.reset();
    lines.length = 0;
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });
  const the = () => standIn!;
  return {
    post: (request: Request, deployContext: string | null = 'production') => contact(request, (deployContext ? { deploy: { context: deployContext } } : undefined) as Context),
    standIn: the,
    /** Every line the function printed. */
    lines: () => [...lines],
    /** The one-line log entries, parsed. */
    logs: () => lines.filter((line) => line.startsWith('[contact] {')).map((line) => JSON.parse(line.slice(10)) as Record<string, unknown>),
    /** The emails Resend accepted, as they went over the wire. */
    sent: () => the().deliveries.map((delivery) => delivery.email as unknown as WireEmail),
  };
}
