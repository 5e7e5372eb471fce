import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resend } from 'resend';
import type { CreateEmailOptions, CreateEmailResponse } from 'resend';
import { z } from 'zod';
import { DELIVERY_BUDGET_MS, isEmailAddress, isOneLine } from '../../../src/lib/contact/fields.ts';
import { toHeaderText } from './email.ts';
import type { OutgoingEmail } from './email.ts';

/**
 * How an inquiry leaves: the configuration read from the environment on every request, and the
 * transport it picks. Resend when there is an API key; the local outbox (.eml files) when running
 * locally without one; nothing, and a 503 with the phone number, when a deployed site lacks its
 * configuration.
 */

/**
 * Why an inquiry was not delivered, in the terms the visitor's answer depends on:
 * - `unavailable`: the provider could not be reached or was busy (timeouts, 429, 5xx): answer 503.
 * - `refused`: the provider answered and said no (bad sender, bad key): answer 502.
 * - `conflict`: the same idempotency key already carried a different inquiry: answer 409.
 */
export type DeliveryFailure = 'unavailable' | 'refused' | 'conflict';

export type DeliveryResult =
  | {
      readonly ok: true;
      /** The provider's id for the message (Resend's email id, or the outbox file name). */
      readonly messageId: string;
      readonly attempts: number;
      /** True when the key had already been delivered and nothing new was sent. */
      readonly duplicate?: boolean;
      /** Where the outbox wrote the message, for the local server log. */
      readonly savedTo?: string;
    }
  | {
      readonly ok: false;
      readonly failure: DeliveryFailure;
      readonly attempts: number;
      /** For the log only: an error name and status code, never provider message text (it can echo addresses). */
      readonly detail: string;
    };

/** How much one email may cost in tries and time before it counts as not delivered. */
export interface SendBudget {
  readonly attempts: number;
  readonly totalMs: number;
}

/** The studio's email: three attempts, all within 9 s (well inside the platform's function time limit). */
export const INQUIRY_BUDGET: SendBudget = { attempts: 3, totalMs: DELIVERY_BUDGET_MS };

/**
 * The visitor's confirmation, sent once the studio's email is delivered and before the visitor
 * hears "sent": two attempts within 3 s, so it adds at most 3 s to that answer. The second attempt
 * covers Resend's rate limit (a few requests a second per team: the studio's email has just gone)
 * and a key still in flight from a double submit. A confirmation that does not go within that is
 * logged and given up: it is a courtesy, and the studio replies anyway.
 */
export const CONFIRMATION_BUDGET: SendBudget = { attempts: 2, totalMs: 3000 };

export interface Transport {
  /** For the log: which transport handled the inquiry. */
  readonly name: string;
  /**
   * Delivers the email at most once per idempotency key, within `budget` (default INQUIRY_BUDGET;
   * the outbox needs none). Resolves, never rejects: every failure is a DeliveryResult.
   */
  send(email: OutgoingEmail, idempotencyKey: string, budget?: SendBudget): Promise<DeliveryResult>;
}

// ---------------------------------------------------------------------------------------------
// Configuration

/** Reads one environment variable. Injected so tests never touch the real environment. */
export type EnvSource = (name: string) => string | undefined;

/**
 * The platform's environment: `Netlify.env` inside Netlify's runtime (and its local emulation),
 * `process.env` anywhere else (the local test server, vitest). Read per call, never cached.
 */
export function platformEnv(): EnvSource {
  const netlifyEnv = (globalThis as { Netlify?: { env?: { get(name: string): string | undefined } } }).Netlify?.env;
  if (netlifyEnv) return (name) => netlifyEnv.get(name);
  return (name) => process.env[name];
}

/**
 * Where the function runs decides what a missing API key means.
 *
 * - `local`: `NETLIFY_DEV=true`, or the deploy context is `dev`, or there is no deploy context at
 *   all and we are not inside AWS Lambda (which Netlify functions run on). Without RESEND_API_KEY,
 *   inquiries go to the outbox folder so the form works with no accounts.
 * - `deployed`: any other deploy context: `production`, and also `deploy-preview` and
 *   `branch-deploy`. There the file system is read-only and thrown away after each request, so an
 *   outbox would swallow inquiries while telling visitors they were sent. Missing configuration is
 *   therefore a 503 with the phone number in every deployed context, not only production.
 *
 * The deploy context comes from the request's `context.deploy.context` when Netlify passes it
 * (reliable at run time) and otherwise from the `CONTEXT` variable (set in builds, not always at
 * run time, which is why Lambda's own variable is the last guard).
 */
export function detectRuntime(env: EnvSource, deployContext?: string): 'local' | 'deployed' {
  if (env('NETLIFY_DEV') === 'true') return 'local';
  const context = (deployContext || env('CONTEXT') || '').trim();
  if (context === 'dev') return 'local';
  if (context !== '') return 'deployed';
  return env('AWS_LAMBDA_FUNCTION_NAME') ? 'deployed' : 'local';
}

/** "Name <address>" or a bare address, on one line: it becomes the From header. */
const sender = z.string().refine((value) => {
  if (!isOneLine(value)) return false;
  const match = /^\s*(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && isEmailAddress(address);
});

/** Each variable's check, and the rule the log names when it fails (never the value). */
const VARIABLES = {
  RESEND_API_KEY: { schema: z.string().regex(/^re_[A-Za-z0-9_-]{8,}$/), rule: 'must be a Resend API key, starting with re_' },
  CONTACT_TO: {
    schema: z
      .string()
      .transform((value) => value.split(',').map((address) => address.trim()).filter(Boolean))
      .pipe(z.array(z.email()).min(1).max(50)),
    rule: 'must be one or more email addresses separated by commas',
  },
  CONTACT_FROM: { schema: sender, rule: 'must be an address on your verified sending domain, like "Website <website@yourdomain.com>"' },
  RESEND_BASE_URL: { schema: z.url({ protocol: /^https?$/ }), rule: 'must be an http(s) URL (leave it unset in production)' },
} as const;

/** Placeholders for the local outbox when CONTACT_TO / CONTACT_FROM are not set: it sends nothing anyway. */
const OUTBOX_DEFAULT_TO = ['studio-inbox@example.com'];
const OUTBOX_DEFAULT_FROM = 'Website contact form <website@example.com>';

/** The part of Netlify's Context the function reads. Optional: tests and the local server may pass none. */
export interface DeployInfo {
  readonly deploy?: { readonly context?: string } | undefined;
}

/** How this request's inquiry would be delivered, or why it cannot be (`problems` name variables and rules, never values: one is a secret). */
export type DeliveryChoice =
  | { readonly ok: true; readonly transport: Transport; readonly from: string; readonly to: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface DeliveryOptions {
  /** Default: the platform's environment (`platformEnv()`). */
  readonly env?: EnvSource;
  /** Resend retry timing; tests make it fast. */
  readonly resend?: Omit<ResendTransportOptions, 'emails'>;
}

/**
 * Reads and checks the configuration for this request (never at import time) and picks how to
 * deliver. Never throws; a problem is a value the handler turns into a 503 and one log line.
 */
export function chooseDelivery(context: DeployInfo | undefined, options: DeliveryOptions = {}): DeliveryChoice {
  const env = options.env ?? platformEnv();
  const present = (name: string) => env(name)?.trim() || undefined;
  const problems: string[] = [];
  function check<N extends keyof typeof VARIABLES>(name: N) {
    const value = present(name);
    if (value === undefined) return undefined;
    const result = VARIABLES[name].schema.safeParse(value);
    if (!result.success) problems.push(`${name} ${VARIABLES[name].rule}`);
    return result.data as z.output<(typeof VARIABLES)[N]['schema']> | undefined;
  }

  const to = check('CONTACT_TO');
  const from = check('CONTACT_FROM');
  if (present('RESEND_API_KEY') === undefined && detectRuntime(env, context?.deploy?.context) === 'local') {
    if (problems.length > 0) return { ok: false, problems };
    const dir = present('CONTACT_OUTBOX_DIR') ?? join(process.cwd(), '.outbox');
    return { ok: true, transport: createOutboxTransport({ dir }), to: to ?? OUTBOX_DEFAULT_TO, from: from ?? OUTBOX_DEFAULT_FROM };
  }

  const apiKey = check('RESEND_API_KEY');
  const baseUrl = check('RESEND_BASE_URL');
  for (const name of ['RESEND_API_KEY', 'CONTACT_TO', 'CONTACT_FROM'] as const) {
    if (present(name) === undefined) problems.push(`${name} is missing`);
  }
  if (problems.length > 0 || apiKey === undefined || to === undefined || from === undefined) return { ok: false, problems };
  const emails = new Resend(apiKey, baseUrl ? { baseUrl } : undefined).emails;
  return { ok: true, transport: createResendTransport({ ...options.resend, emails }), from, to };
}

// ---------------------------------------------------------------------------------------------
// Resend

export interface ResendTransportOptions {
  /** The one SDK method we use (`new Resend(key, { baseUrl }).emails`), so tests can pass a fake. */
  readonly emails: Pick<Resend['emails'], 'send'>;
  /** Waits between attempts. Tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Milliseconds on a monotonic clock, for the overall time budget. */
  readonly now?: () => number;
  /** One attempt is abandoned after this long, so a hung API cannot hang the function. */
  readonly attemptTimeoutMs?: number;
}

/** The first wait; it doubles after each failed attempt, and no wait is longer than the cap, whatever Retry-After asks. */
const FIRST_DELAY_MS = 400;
const MAX_DELAY_MS = 2000;

type AttemptOutcome =
  | { readonly kind: 'sent'; readonly id: string }
  | { readonly kind: 'retry'; readonly detail: string; readonly retryAfterMs?: number }
  | { readonly kind: 'stop'; readonly failure: DeliveryFailure; readonly detail: string };

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string> | null | undefined, nowMs: number): number | undefined {
  const value = headers?.['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * What one SDK answer means. The SDK does not throw on API errors; it returns `{ data, error }`,
 * and a refused connection, an aborted request or an unreadable body all come back as
 * `application_error` with `statusCode: null`. Only a body with an email id counts as sent.
 */
export function classifyResendAnswer(answer: CreateEmailResponse | undefined, nowMs: number): AttemptOutcome {
  const error = answer?.error;
  if (error) {
    const status = typeof error.statusCode === 'number' ? error.statusCode : null;
    const detail = `${String(error.name)} ${status ?? 'no-status'}`;
    if (status === null) return { kind: 'retry', detail };
    if (status === 429) {
      // A spent daily or monthly quota will not come back within seconds; a rate limit will.
      if (error.name === 'daily_quota_exceeded' || error.name === 'monthly_quota_exceeded') {
        return { kind: 'stop', failure: 'unavailable', detail };
      }
      const wait = retryAfterMs(answer?.headers, nowMs);
      return wait === undefined ? { kind: 'retry', detail } : { kind: 'retry', detail, retryAfterMs: wait };
    }
    if (status === 409) {
      // The same key is still being processed: wait and ask again, and Resend answers for the first request.
      if (error.name === 'concurrent_idempotent_requests') return { kind: 'retry', detail };
      // The same key with a different payload: retrying cannot help.
      return { kind: 'stop', failure: 'conflict', detail };
    }
    if (status >= 500) return { kind: 'retry', detail };
    return { kind: 'stop', failure: 'refused', detail };
  }
  const id = (answer?.data as { id?: unknown } | null | undefined)?.id;
  if (typeof id === 'string' && id !== '') return { kind: 'sent', id };
  // A success status without an id: not proof of delivery. Retrying with the same key is safe.
  return { kind: 'retry', detail: 'no-id' };
}

/**
 * Sends through Resend with an idempotency key, bounded retries (the send's budget: attempts and
 * total time) and a timeout per attempt.
 *
 * Retries network errors, timeouts, 429 (after Retry-After, capped) and 5xx, with exponential
 * backoff, every attempt with the same key, so Resend delivers at most once; other 4xx answers are
 * final. A hand-written loop rather than p-retry: p-retry has no per-failure wait (Retry-After
 * would need a second wait inside its callback), cannot give the last attempt only the time left,
 * and its waits cannot be skipped in tests; the loop below does all three in a dozen lines.
 */
export function createResendTransport(options: ResendTransportOptions): Transport {
  const { emails, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)), now = () => performance.now() } = options;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 4000;

  function attempt(payload: CreateEmailOptions, idempotencyKey: string, timeoutMs: number): Promise<AttemptOutcome> {
    const signal = AbortSignal.timeout(timeoutMs);
    // The SDK answers an aborted request with an error; the race also ends an attempt that would not.
    const timedOut = new Promise<AttemptOutcome>((resolve) => {
      signal.addEventListener('abort', () => resolve({ kind: 'retry', detail: 'timeout' }), { once: true });
    });
    const answered = Promise.resolve()
      .then(() => emails.send(payload, { idempotencyKey, signal }))
      .then(
        (answer): AttemptOutcome => (signal.aborted ? { kind: 'retry', detail: 'timeout' } : classifyResendAnswer(answer, Date.now())),
        // The SDK promises not to throw; if it does, that is one failed attempt, not a crash.
        (): AttemptOutcome => ({ kind: 'retry', detail: 'exception' }),
      );
    return Promise.race([answered, timedOut]);
  }

  async function send(email: OutgoingEmail, idempotencyKey: string, budget: SendBudget = INQUIRY_BUDGET): Promise<DeliveryResult> {
    const payload: CreateEmailOptions = { ...email, to: [...email.to], tags: email.tags.map((tag) => ({ ...tag })) };
    const started = now();
    let attempts = 0;
    let lastDetail = 'not-attempted';
    let delay = 0;
    while (attempts < budget.attempts) {
      const remaining = budget.totalMs - (now() - started) - delay;
      if (remaining <= 0) break;
      if (delay > 0) await sleep(delay);
      attempts += 1;
      // Whole milliseconds: AbortSignal.timeout() throws on a fraction, which the clock's readings leave.
      const outcome = await attempt(payload, idempotencyKey, Math.max(1, Math.floor(Math.min(attemptTimeoutMs, remaining))));
      if (outcome.kind === 'sent') return { ok: true, messageId: outcome.id, attempts };
      if (outcome.kind === 'stop') return { ok: false, failure: outcome.failure, attempts, detail: outcome.detail };
      lastDetail = outcome.detail;
      delay = Math.min(MAX_DELAY_MS, Math.max(FIRST_DELAY_MS * 2 ** (attempts - 1), outcome.retryAfterMs ?? 0));
    }
    return { ok: false, failure: 'unavailable', attempts, detail: lastDetail };
  }

  return { name: 'resend', send };
}

// ---------------------------------------------------------------------------------------------
// The local outbox

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The email as a mail client shows it: headers, then the plain text and the HTML as the two
 * alternatives Resend sends. Open the file in a mail client to preview the HTML; in a text editor
 * the plain text comes first.
 */
function renderEml(email: OutgoingEmail, idempotencyKey: string, date: Date): string {
  // The values are sanitized already; once more here because this is where they become headers.
  const header = (name: string, value: string) => `${name}: ${toHeaderText(value, 998)}`;
  // A hash of both bodies cannot occur in them (text would have to contain its own hash), and the
  // same email always renders the same file.
  const boundary = `=_outbox_${sha256(`${email.text}\n${email.html}`).slice(0, 32)}`;
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit', '', body];
  return [
    header('Date', date.toUTCString()),
    header('From', email.from),
    header('To', email.to.join(', ')),
    header('Reply-To', email.replyTo),
    header('Subject', email.subject),
    header('Idempotency-Key', idempotencyKey),
    header('X-Tags', email.tags.map((tag) => `${tag.name}=${tag.value}`).join('; ')),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    ...part('text/plain', email.text),
    ...part('text/html', email.html),
    `--${boundary}--`,
    '',
  ].join('\n');
}

const isErrorCode = (error: unknown, code: string) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

/**
 * The local stand-in for email: each inquiry becomes a readable .eml file in a folder, so `npm
 * start` gives a working form with no accounts. Never used in a deployed context (see detectRuntime).
 *
 * Like Resend, it delivers at most once per idempotency key: the file is named by the key and
 * created exclusively, so the same inquiry sent again (or twice at once) finds its file and writes
 * nothing; a file deleted since is written again. The function's key is a hash of the whole email
 * (email.ts), so one key never stands for two different emails.
 */
export function createOutboxTransport(options: { readonly dir: string; readonly now?: () => Date }): Transport {
  async function send(email: OutgoingEmail, idempotencyKey: string): Promise<DeliveryResult> {
    // Keys become file names: safe tokens as they are, anything else hashed.
    const file = `${/^[A-Za-z0-9_-]{1,200}$/.test(idempotencyKey) ? idempotencyKey : sha256(idempotencyKey)}.eml`;
    const path = join(options.dir, file);
    try {
      await mkdir(options.dir, { recursive: true });
      await writeFile(path, renderEml(email, idempotencyKey, options.now?.() ?? new Date()), { flag: 'wx' });
      return { ok: true, messageId: file, attempts: 1, savedTo: path };
    } catch (error) {
      if (isErrorCode(error, 'EEXIST')) return { ok: true, messageId: file, attempts: 1, duplicate: true, savedTo: path };
      return { ok: false, failure: 'unavailable', attempts: 1, detail: 'outbox-unwritable' };
    }
  }

  return { name: 'outbox', send };
}
