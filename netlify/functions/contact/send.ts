import { createHash } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resend } from 'resend';
import { z } from 'zod';
import { DELIVERY_BUDGET_MS } from '../../../src/lib/contact/fields.ts';
import { toEml, type OutgoingEmail } from './email.ts';

/**
 * How an inquiry leaves: the configuration, read from the environment on every request, then
 * Resend with one idempotency key for every attempt, or on a local run without a key the outbox
 * folder of .eml files. A loop rather than p-retry, which cannot give the last try only the time left.
 */

/** `unconfirmed`: a request reached Resend and no answer came, so it may have been delivered. */
export type Failure = 'unavailable' | 'refused' | 'conflict' | 'unconfirmed';

export type SendResult =
  | { readonly ok: true; readonly messageId: string; readonly attempts: number; readonly duplicate?: boolean; readonly savedTo?: string }
  | { readonly ok: false; readonly failure: Failure; readonly attempts: number; readonly detail: string };

export type Mail =
  | { readonly via: 'resend'; readonly from: string; readonly to: string[]; readonly apiKey: string; readonly baseUrl?: string }
  | { readonly via: 'outbox'; readonly from: string; readonly to: string[]; readonly dir: string };

/** "Name <address>" or a bare address, on one line: it becomes the From header. */
const sender = z.string().refine((value) => {
  const match = /^\s*(?:[^<>\p{Cc}\u2028\u2029]*<([^<>\s]+)>|([^<>\s]+))\s*$/u.exec(value);
  return z.email().safeParse(match?.[1] ?? match?.[2]).success;
});

/** Each variable's check, and the rule the log names when it fails (never the value). */
const VARIABLES = {
  RESEND_API_KEY: [z.string().regex(/^re_[A-Za-z0-9_-]{8,}$/), 'must be a Resend API key, starting with re_'],
  CONTACT_TO: [z.string().transform((value) => value.split(',').map((address) => address.trim()).filter(Boolean)).pipe(z.array(z.email()).min(1).max(50)), 'must be one or more email addresses separated by commas'],
  CONTACT_FROM: [sender, 'must be an address on your verified sending domain, like "Website <website@yourdomain.com>"'],
  RESEND_BASE_URL: [z.url({ protocol: /^https?$/ }), 'must be an http(s) URL (leave it unset in production)'],
} as const;

/**
 * The one place that chooses how mail leaves: Resend with RESEND_API_KEY; without it the outbox,
 * but only on a local run (no deploy context, or `dev`): a deployed file system is thrown away, so
 * there a missing key is a problem. Locally the outbox goes to `studioEmail` unless CONTACT_TO says otherwise.
 */
export function mailFrom(deployContext: string | undefined, studioEmail: string): Mail | { readonly problems: string[] } {
  const problems: string[] = [];
  const read = <N extends keyof typeof VARIABLES>(name: N): z.output<(typeof VARIABLES)[N][0]> | undefined => {
    const value = process.env[name]?.trim();
    if (!value) return undefined;
    const [schema, rule] = VARIABLES[name];
    const result = schema.safeParse(value);
    if (!result.success) problems.push(`${name} ${rule}`);
    return result.data as z.output<(typeof VARIABLES)[N][0]> | undefined;
  };
  const to = read('CONTACT_TO');
  const from = read('CONTACT_FROM');
  if (!process.env.RESEND_API_KEY?.trim() && (!deployContext || deployContext === 'dev')) {
    const dir = process.env.CONTACT_OUTBOX_DIR?.trim() || join(process.cwd(), '.outbox');
    return problems.length > 0 ? { problems } : { via: 'outbox', dir, to: to ?? [studioEmail], from: from ?? 'Website contact form <website@example.com>' };
  }
  const apiKey = read('RESEND_API_KEY');
  const baseUrl = read('RESEND_BASE_URL');
  for (const name of ['RESEND_API_KEY', 'CONTACT_TO', 'CONTACT_FROM'] as const) if (!process.env[name]?.trim()) problems.push(`${name} is missing`);
  if (problems.length > 0 || !apiKey || !to || !from) return { problems };
  return { via: 'resend', apiKey, to, from, ...(baseUrl ? { baseUrl } : {}) };
}

/** Delivers at most once per idempotency key. Resolves, never rejects. */
export const send = (mail: Mail, email: OutgoingEmail, key: string): Promise<SendResult> =>
  mail.via === 'outbox' ? saveToOutbox(mail.dir, email, key) : sendWithResend(mail, email, key);

/** Each attempt is abandoned after 4 s; three failures end it; waits double from 400 ms to 2 s; a key in flight is asked again each 500 ms. */
const PACE = { attemptMs: 4000, failures: 3, firstDelayMs: 400, maxDelayMs: 2000, inFlightPollMs: 500 };
const QUOTA_SPENT = ['daily_quota_exceeded', 'monthly_quota_exceeded'];

/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(value: string | undefined): number {
  const ms = value && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value ?? '') - Date.now();
  return Number.isFinite(ms) ? Math.max(0, ms) : 0;
}

async function sendWithResend(mail: Extract<Mail, { via: 'resend' }>, email: OutgoingEmail, key: string): Promise<SendResult> {
  const { emails } = new Resend(mail.apiKey, { baseUrl: mail.baseUrl });
  const started = Date.now();
  // Node's fetch reports each request it has written out: after that, silence may mean delivered.
  let written = 0;
  const onWritten = (message: unknown) => void (String((message as { request?: { headers?: unknown } }).request?.headers).includes(key) && (written += 1));
  subscribe('undici:request:bodySent', onWritten);
  let attempts = 0;
  let failures = 0;
  let delay = 0;
  // A request that reached Resend and got no answer, or a key Resend said was in flight.
  let maybeDelivered = false;
  let detail = 'not-attempted';
  const stop = (failure: Failure): SendResult => ({ ok: false, failure, attempts, detail });
  try {
    while (failures < PACE.failures) {
      const left = DELIVERY_BUDGET_MS - (Date.now() - started) - delay;
      if (left <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
      attempts += 1;
      const writtenBefore = written;
      const signal = AbortSignal.timeout(Math.ceil(Math.min(PACE.attemptMs, left)));
      // The SDK answers API errors, lost connections and aborts with `error` (status null when no answer came).
      const { data, error, headers } = await emails.send(email, { idempotencyKey: key, signal }).catch(() => ({ data: null, error: { name: 'exception', statusCode: null }, headers: null }));
      if (!error && data?.id) return { ok: true, messageId: data.id, attempts };
      const status = error?.statusCode ?? null;
      detail = error ? `${error.name} ${status ?? 'no-status'}` : 'no-id';
      // The same key is still being processed (a double submit): its answer will be this one's.
      if (status === 409 && error?.name === 'concurrent_idempotent_requests') {
        maybeDelivered = true;
        delay = PACE.inFlightPollMs;
        continue;
      }
      if (status === 409) return stop('conflict');
      if (QUOTA_SPENT.includes(String(error?.name))) return stop('unavailable');
      if (status !== null && status < 500 && status !== 429) return stop('refused');
      // No answer came (no connection, a time-out, a broken body): delivered, if the request had left.
      if (status === null && written > writtenBefore) maybeDelivered = true;
      failures += 1;
      delay = Math.min(PACE.maxDelayMs, Math.max(PACE.firstDelayMs * 2 ** (failures - 1), status === 429 ? retryAfterMs(headers?.['retry-after']) : 0));
    }
    return stop(maybeDelivered ? 'unconfirmed' : 'unavailable');
  } finally {
    unsubscribe('undici:request:bodySent', onWritten);
  }
}

/** One outbox write at a time, so two copies of one inquiry posted at once still make one file. */
let outboxTurn: Promise<unknown> = Promise.resolve();

/**
 * The local stand-in for email, so `npm start` works with no accounts: one .eml file per key, named
 * by its time then a hash of the key, which finds it again so a repeat writes nothing.
 */
function saveToOutbox(dir: string, email: OutgoingEmail, key: string): Promise<SendResult> {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const save = async (): Promise<SendResult> => {
    try {
      await mkdir(dir, { recursive: true });
      const saved = (await readdir(dir)).find((name) => name.endsWith(`-${hash}.eml`));
      if (saved) return { ok: true, messageId: saved, attempts: 1, duplicate: true, savedTo: join(dir, saved) };
      const now = new Date();
      // 2026-12-06T23-14-30Z: sorts by time and is a valid file name everywhere.
      const file = `${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z-${hash}.eml`;
      await writeFile(join(dir, file), toEml(email, key, now));
      return { ok: true, messageId: file, attempts: 1, savedTo: join(dir, file) };
    } catch {
      return { ok: false, failure: 'unavailable', attempts: 1, detail: 'outbox-unwritable' };
    }
  };
  const turn = outboxTurn.then(save);
  outboxTurn = turn;
  return turn;
}
