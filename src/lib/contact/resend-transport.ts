import type { CreateEmailOptions, CreateEmailRequestOptions, CreateEmailResponse } from 'resend';
import type { DeliveryResult, OutgoingEmail, Transport } from './transport.ts';

/** The one SDK method we use (`new Resend(key, { baseUrl }).emails`), so tests can pass a fake. */
export interface ResendEmails {
  send(payload: CreateEmailOptions, options?: CreateEmailRequestOptions): Promise<CreateEmailResponse>;
}

export interface ResendTransportOptions {
  readonly emails: ResendEmails;
  /** Waits between attempts. Tests pass a fast one. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Milliseconds on a monotonic clock, for the overall time budget. */
  readonly now?: () => number;
  /** Attempts in total, the first included. */
  readonly maxAttempts?: number;
  /** One attempt is abandoned after this long, so a hung API cannot hang the function. */
  readonly attemptTimeoutMs?: number;
  /** All attempts and waits together stay under this, well inside the platform's function timeout. */
  readonly totalBudgetMs?: number;
  /** First backoff; doubles each retry. */
  readonly baseDelayMs?: number;
  /** No single wait is longer than this, whatever Retry-After asks for. */
  readonly maxDelayMs?: number;
}

type AttemptOutcome =
  | { readonly kind: 'sent'; readonly id: string }
  | { readonly kind: 'retry'; readonly detail: string; readonly retryAfterMs?: number }
  | { readonly kind: 'stop'; readonly failure: 'refused' | 'conflict' | 'unavailable'; readonly detail: string };

const TIMED_OUT = Symbol('timed out');

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

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends through Resend with an idempotency key, bounded retries and per-attempt timeouts.
 *
 * Retries: network errors, timeouts, 429 (honouring Retry-After, capped) and 5xx, with exponential
 * backoff, every attempt with the same key, so Resend delivers at most once. Other 4xx answers are
 * final. The whole thing stays within `totalBudgetMs`.
 */
export function createResendTransport(options: ResendTransportOptions): Transport {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? (() => performance.now());
  const maxAttempts = options.maxAttempts ?? 3;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 4000;
  const totalBudgetMs = options.totalBudgetMs ?? 9000;
  const baseDelayMs = options.baseDelayMs ?? 400;
  const maxDelayMs = options.maxDelayMs ?? 2000;

  async function attempt(payload: CreateEmailOptions, idempotencyKey: string, timeoutMs: number): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(TIMED_OUT);
      }, timeoutMs);
    });
    // Guard against a throw even though the SDK promises not to: a throw is a failed attempt, not a crash.
    const sending = Promise.resolve()
      .then(() => options.emails.send(payload, { idempotencyKey, signal: controller.signal }))
      .then(
        (answer) => ({ answer }),
        () => ({ thrown: true as const }),
      );
    try {
      const settled = await Promise.race([sending, timeout]);
      if (settled === TIMED_OUT) return { kind: 'retry', detail: 'timeout' };
      if ('thrown' in settled) return { kind: 'retry', detail: 'exception' };
      return classifyResendAnswer(settled.answer, Date.now());
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(email: OutgoingEmail, idempotencyKey: string): Promise<DeliveryResult> {
    const payload: CreateEmailOptions = {
      from: email.from,
      to: [...email.to],
      replyTo: email.replyTo,
      subject: email.subject,
      text: email.text,
      html: email.html,
      tags: email.tags.map((tag) => ({ ...tag })),
    };
    const started = now();
    let attempts = 0;
    let lastDetail = 'not-attempted';
    let delay = 0;

    while (attempts < maxAttempts) {
      const remaining = totalBudgetMs - (now() - started) - delay;
      if (remaining <= 0) break;
      if (delay > 0) await sleep(delay);
      attempts += 1;
      const outcome = await attempt(payload, idempotencyKey, Math.min(attemptTimeoutMs, remaining));
      if (outcome.kind === 'sent') return { ok: true, messageId: outcome.id, attempts };
      if (outcome.kind === 'stop') return { ok: false, failure: outcome.failure, attempts, detail: outcome.detail };
      lastDetail = outcome.detail;
      const backoff = baseDelayMs * 2 ** (attempts - 1);
      delay = Math.min(maxDelayMs, Math.max(backoff, outcome.retryAfterMs ?? 0));
    }
    return { ok: false, failure: 'unavailable', attempts, detail: lastDetail };
  }

  return { name: 'resend', send };
}
