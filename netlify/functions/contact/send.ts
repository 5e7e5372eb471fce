import { createHash } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resend } from 'resend';
import type { CreateEmailOptions, CreateEmailResponse } from 'resend';
import { z } from 'zod';
import { DELIVERY_BUDGET_MS, isEmailAddress, isOneLine } from '../../../src/lib/contact/fields.ts';
import { toEml } from './email.ts';
import type { OutgoingEmail } from './email.ts';

/**
 * How an inquiry leaves: the configuration read from the environment on every request, then Resend
 * (with an API key) or, on a local run without one, the outbox folder of .eml files.
 */

/** `unconfirmed`: a request reached Resend and no answer came, so it may have been delivered. */
export type Failure = 'unavailable' | 'refused' | 'conflict' | 'unconfirmed';

export type SendResult =
  | { readonly ok: true; readonly messageId: string; readonly attempts: number; readonly duplicate?: boolean; readonly savedTo?: string }
  | { readonly ok: false; readonly failure: Failure; readonly attempts: number; readonly detail: string };

/** "Name <address>" or a bare address, on one line: it becomes the From header. */
const sender = z.string().refine((value) => {
  const match = /^\s*(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  return isOneLine(value) && address !== undefined && isEmailAddress(address);
});

/** Each variable's check, and the rule the log names when it fails (never the value). */
const VARIABLES = {
  RESEND_API_KEY: { schema: z.string().regex(/^re_[A-Za-z0-9_-]{8,}$/), rule: 'must be a Resend API key, starting with re_' },
  CONTACT_TO: {
    schema: z.string().transform((value) => value.split(',').map((address) => address.trim()).filter(Boolean)).pipe(z.array(z.email()).min(1).max(50)),
    rule: 'must be one or more email addresses separated by commas',
  },
  CONTACT_FROM: { schema: sender, rule: 'must be an address on your verified sending domain, like "Website <website@yourdomain.com>"' },
  RESEND_BASE_URL: { schema: z.url({ protocol: /^https?$/ }), rule: 'must be an http(s) URL (leave it unset in production)' },
} as const;

/** The local outbox's envelope when CONTACT_TO / CONTACT_FROM are unset: the site's example address. */
const OUTBOX_TO = ['hello@example.com'];
const OUTBOX_FROM = 'Website contact form <website@example.com>';

export type Mail =
  | { readonly ok: true; readonly via: 'resend'; readonly from: string; readonly to: readonly string[]; readonly apiKey: string; readonly baseUrl?: string }
  | { readonly ok: true; readonly via: 'outbox'; readonly from: string; readonly to: readonly string[]; readonly dir: string }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The one place that chooses how mail leaves: Resend with RESEND_API_KEY; without it the outbox,
 * but only locally (no deploy context, or `dev`): a deployed file system is thrown away after each
 * request, so there a missing key is a 503 with the phone number.
 */
export function mailFrom(env: (name: string) => string | undefined, deployContext?: string): Mail {
  const present = (name: string) => env(name)?.trim() || undefined;
  const problems: string[] = [];
  function check<N extends keyof typeof VARIABLES>(name: N): z.output<(typeof VARIABLES)[N]['schema']> | undefined {
    const value = present(name);
    if (value === undefined) return undefined;
    const result = VARIABLES[name].schema.safeParse(value);
    if (!result.success) problems.push(`${name} ${VARIABLES[name].rule}`);
    return result.data as z.output<(typeof VARIABLES)[N]['schema']> | undefined;
  }
  const to = check('CONTACT_TO');
  const from = check('CONTACT_FROM');
  if (present('RESEND_API_KEY') === undefined && (!deployContext || deployContext === 'dev')) {
    const dir = present('CONTACT_OUTBOX_DIR') ?? join(process.cwd(), '.outbox');
    return problems.length > 0 ? { ok: false, problems } : { ok: true, via: 'outbox', dir, to: to ?? OUTBOX_TO, from: from ?? OUTBOX_FROM };
  }
  const apiKey = check('RESEND_API_KEY');
  const baseUrl = check('RESEND_BASE_URL');
  for (const name of ['RESEND_API_KEY', 'CONTACT_TO', 'CONTACT_FROM'] as const) if (present(name) === undefined) problems.push(`${name} is missing`);
  if (problems.length > 0 || !apiKey || !to || !from) return { ok: false, problems };
  return { ok: true, via: 'resend', apiKey, to, from, ...(baseUrl ? { baseUrl } : {}) };
}

/** Resend's pace, replaceable so tests need not wait. */
export interface Pace {
  readonly sleep?: (ms: number) => Promise<void>;
  /** One request is abandoned after this long, so a hung API cannot hang the function. */
  readonly attemptTimeoutMs?: number;
  /** Everything, waits included, within this (well inside the platform's function time limit). */
  readonly budgetMs?: number;
}

/** Delivers at most once per idempotency key. Resolves, never rejects. */
export function send(mail: Extract<Mail, { ok: true }>, email: OutgoingEmail, key: string, pace: Pace = {}): Promise<SendResult> {
  if (mail.via === 'outbox') return saveToOutbox(mail.dir, email, key);
  const { emails } = new Resend(mail.apiKey, mail.baseUrl ? { baseUrl: mail.baseUrl } : undefined);
  return sendWithResend((payload, options) => emails.send(payload, options), email, key, pace);
}

/** Failed attempts before giving up; a key still in flight is waited for instead, within the budget. */
const MAX_FAILURES = 3;
const FIRST_DELAY_MS = 400;
const MAX_DELAY_MS = 2000;
const IN_FLIGHT_POLL_MS = 500;

type Attempt =
  | { readonly kind: 'sent'; readonly id: string }
  | { readonly kind: 'in-flight' }
  /** `unanswered`: no usable answer came (no connection, a time-out, a broken body), so it may have been delivered. */
  | { readonly kind: 'retry'; readonly detail: string; readonly retryAfterMs?: number; readonly unanswered?: true }
  | { readonly kind: 'stop'; readonly failure: Failure; readonly detail: string };

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string> | null | undefined, nowMs: number): number | undefined {
  const value = headers?.['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** What one SDK answer means (it never throws; no connection or an abort is `statusCode: null`). */
export function classify(answer: CreateEmailResponse | undefined, nowMs: number): Attempt {
  const error = answer?.error;
  if (!error) {
    const id = (answer?.data as { id?: unknown } | null | undefined)?.id;
    return typeof id === 'string' && id !== '' ? { kind: 'sent', id } : { kind: 'retry', detail: 'no-id', unanswered: true };
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  const detail = `${String(error.name)} ${status ?? 'no-status'}`;
  if (status === 429) {
    // A spent daily or monthly quota will not come back within seconds; a rate limit will.
    if (error.name === 'daily_quota_exceeded' || error.name === 'monthly_quota_exceeded') return { kind: 'stop', failure: 'unavailable', detail };
    const wait = retryAfterMs(answer?.headers, nowMs);
    return wait === undefined ? { kind: 'retry', detail } : { kind: 'retry', detail, retryAfterMs: wait };
  }
  // The same key is still being processed (a double submit): its answer will be this one's.
  if (status === 409 && error.name === 'concurrent_idempotent_requests') return { kind: 'in-flight' };
  if (status === 409) return { kind: 'stop', failure: 'conflict', detail };
  if (status === null) return { kind: 'retry', detail, unanswered: true };
  if (status >= 500) return { kind: 'retry', detail };
  return { kind: 'stop', failure: 'refused', detail };
}

/** Counts requests carrying `key` that Node's fetch wrote out: once one has left, silence may mean delivered. */
function watchRequestsWith(key: string) {
  let sent = 0;
  const onBodySent = (message: unknown) => {
    if (String((message as { request?: { headers?: unknown } }).request?.headers ?? '').includes(key)) sent += 1;
  };
  subscribe('undici:request:bodySent', onBodySent);
  return { sent: () => sent, stop: () => unsubscribe('undici:request:bodySent', onBodySent) };
}

type SendEmail = (payload: CreateEmailOptions, options: { idempotencyKey: string; signal: AbortSignal }) => Promise<CreateEmailResponse>;

/**
 * Resend with one idempotency key for every attempt, so it delivers at most once. A loop rather than
 * p-retry, which has no per-failure wait and cannot give the last try only the time left.
 */
export async function sendWithResend(sendEmail: SendEmail, email: OutgoingEmail, key: string, pace: Pace = {}): Promise<SendResult> {
  const { sleep = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)), attemptTimeoutMs = 4000, budgetMs = DELIVERY_BUDGET_MS } = pace;
  const payload: CreateEmailOptions = { ...email, to: [...email.to], tags: email.tags.map((tag) => ({ ...tag })) };
  const started = performance.now();
  const requests = watchRequestsWith(key);
  let attempts = 0;
  let failures = 0;
  // A request that reached Resend and was never answered, or a key Resend said was in flight.
  let maybeDelivered = false;
  let detail = 'not-attempted';
  let delay = 0;
  try {
    while (failures < MAX_FAILURES) {
      const remaining = budgetMs - (performance.now() - started) - delay;
      if (remaining <= 0) break;
      if (delay > 0) await sleep(delay);
      attempts += 1;
      const leftBefore = requests.sent();
      // Whole milliseconds: AbortSignal.timeout() throws on a fraction.
      const signal = AbortSignal.timeout(Math.max(1, Math.floor(Math.min(attemptTimeoutMs, remaining))));
      const timedOut = new Promise<Attempt>((resolve) => signal.addEventListener('abort', () => resolve({ kind: 'retry', detail: 'timeout', unanswered: true }), { once: true }));
      const answered = Promise.resolve()
        .then(() => sendEmail(payload, { idempotencyKey: key, signal }))
        .then(
          (answer): Attempt => (signal.aborted ? { kind: 'retry', detail: 'timeout', unanswered: true } : classify(answer, Date.now())),
          (): Attempt => ({ kind: 'retry', detail: 'exception', unanswered: true }),
        );
      const outcome = await Promise.race([answered, timedOut]);
      if (outcome.kind === 'sent') return { ok: true, messageId: outcome.id, attempts };
      if (outcome.kind === 'stop') return { ok: false, failure: outcome.failure, attempts, detail: outcome.detail };
      if (outcome.kind === 'in-flight') {
        maybeDelivered = true;
        detail = 'concurrent_idempotent_requests 409';
        delay = IN_FLIGHT_POLL_MS;
        continue;
      }
      failures += 1;
      detail = outcome.detail;
      if (outcome.unanswered && requests.sent() > leftBefore) maybeDelivered = true;
      delay = Math.min(MAX_DELAY_MS, Math.max(FIRST_DELAY_MS * 2 ** (failures - 1), outcome.retryAfterMs ?? 0));
    }
    return { ok: false, failure: maybeDelivered ? 'unconfirmed' : 'unavailable', attempts, detail };
  } finally {
    requests.stop();
  }
}

/** One outbox write at a time, so two copies of one inquiry posted at once still make one file. */
let outboxTurn: Promise<unknown> = Promise.resolve();

/**
 * The local stand-in for email, so `npm start` works with no accounts: one .eml file per key, named
 * by its time then a hash of the key, which finds it again so a repeat writes nothing.
 */
export function saveToOutbox(dir: string, email: OutgoingEmail, key: string, now = new Date()): Promise<SendResult> {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const save = async (): Promise<SendResult> => {
    try {
      await mkdir(dir, { recursive: true });
      const saved = (await readdir(dir)).find((name) => name.endsWith(`-${hash}.eml`));
      if (saved) return { ok: true, messageId: saved, attempts: 1, duplicate: true, savedTo: join(dir, saved) };
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
