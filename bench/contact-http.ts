/**
 * The contact pipeline over HTTP on loopback: the built site served as `npm run serve` serves it
 * (tests/support/netlify-server.ts, Netlify's local runtime), the function sending with the real
 * Resend SDK to the local Resend stand-in (tests/support/resend-stand-in.ts). Distinct inquiries at
 * a fixed concurrency, each carrying a unique token in its message, then a reconciliation of what
 * the visitors were told against what the stand-in's inbox received.
 *
 *   node bench/contact-http.ts [--submissions=1000] [--concurrency=50] [--faults] [--time-limit=300]
 *
 * Between the function and the stand-in sits a TCP gate that, in the fault run, stops listening for
 * short spells, so new connections are refused; the stand-in itself plays 429 with Retry-After, 500
 * and answers that never come (the function gives up an attempt after 4 s), some after delivering.
 * Everything listens on 127.0.0.1, ports 4500–4502 by default (BENCH_PORT_BASE moves them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { startResendStandIn, type ResendStandIn, type ScriptedAnswer } from '../tests/support/resend-stand-in.ts';
import { VALID_INQUIRY } from '../tests/unit/contact/fixtures.ts';
import { percentile, pool } from './stats.ts';

const API_KEY = 're_bench_0123456789abcdef';
const STUDIO = 'studio@example.com';

export interface FaultMix {
  /** Shares of calls reaching the stand-in, each 0–1; the rest are accepted. */
  readonly rateLimit: number;
  readonly serverError: number;
  /** No answer at all: the function's 4 s attempt timeout ends the wait. */
  readonly noAnswer: number;
  /** Delivered, but the answer never comes: the retry must not deliver it again. */
  readonly answerLostAfterDelivery: number;
  /** Spells during which the gate refuses new connections: every `everyMs`, for `forMs`. */
  readonly refuse: { readonly everyMs: number; readonly forMs: number };
}

export const DEFAULT_FAULTS: FaultMix = {
  rateLimit: 0.1,
  serverError: 0.1,
  noAnswer: 0.04,
  answerLostAfterDelivery: 0.04,
  refuse: { everyMs: 5000, forMs: 500 },
};

export interface HttpOptions {
  readonly submissions: number;
  readonly concurrency: number;
  readonly faults?: FaultMix;
  /** Stop starting new submissions after this many seconds (those in flight finish). */
  readonly timeLimitS: number;
  readonly portBase: number;
  readonly seed?: number;
  readonly log?: (line: string) => void;
}

export interface HttpResult {
  readonly label: string;
  readonly planned: number;
  /** Submissions started before the time limit. */
  readonly started: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly throughput: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
  readonly statuses: Readonly<Record<string, number>>;
  /** Answered 200 ok:true: the visitor was told it was sent. */
  readonly toldSent: number;
  /** Answered ok:false (502/503/409): the visitor was told it was NOT sent. */
  readonly toldNotSent: number;
  /** No usable answer (network error, client timeout, or an answer that is neither). */
  readonly noAnswer: number;
  /** 5xx other than the function's own 502/503 "not sent" answers (500s of the runtime or a crash). */
  readonly otherServerErrors: number;
  /** Emails received by the studio inbox. */
  readonly deliveries: number;
  /** Confirmation emails to the visitor (all bench inquiries share one address: at most one a day). */
  readonly confirmations: number;
  /** Told sent, but the inbox has nothing with its token. Must be 0. */
  readonly falseSent: number;
  /** Deliveries beyond the first, per token (content) and per idempotency key. Must be 0. */
  readonly duplicatesByContent: number;
  readonly duplicatesByKey: number;
  /** Every submission told "sent" is in the inbox exactly once, under one key. */
  readonly exactlyOnce: boolean;
  /** Told NOT sent, yet delivered (the safe side: a second try from the same form is deduplicated). */
  readonly notSentButDelivered: number;
  /** Calls the stand-in received, and how they were answered. */
  readonly standInCalls: Readonly<Record<string, number>>;
  /** The function's log lines, by outcome and detail. */
  readonly logOutcomes: Readonly<Record<string, number>>;
  /** Answers that were not the function's: status and the start of the body, by count. */
  readonly otherAnswers: Readonly<Record<string, number>>;
  /** From the function's log: attempts per inquiry that reached delivery (1 = no retry). */
  readonly attempts: Readonly<Record<string, number>>;
  readonly retriesPerInquiry: number;
  /** Seconds the gate refused connections. */
  readonly refusedSeconds: number;
  readonly runtimeErrors: readonly string[];
}

/** A small deterministic PRNG (mulberry32), so a fault run can be repeated call for call. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The stand-in's script for `calls` calls: each fault at its share, in a seeded random order. */
function faultScript(mix: FaultMix, calls: number, seed: number): ScriptedAnswer[] {
  const next = random(seed);
  return Array.from({ length: calls }, (): ScriptedAnswer => {
    let roll = next();
    if ((roll -= mix.rateLimit) < 0) return { kind: 'rate-limit', retryAfterSeconds: 1 };
    if ((roll -= mix.serverError) < 0) return { kind: 'error', status: 500 };
    if ((roll -= mix.noAnswer) < 0) return { kind: 'hang' };
    if ((roll -= mix.answerLostAfterDelivery) < 0) return { kind: 'hang', afterDelivery: true };
    return { kind: 'accept' };
  });
}

/**
 * A TCP pass-through to the stand-in that can stop listening: while closed, connecting is refused
 * (ECONNREFUSED), as when Resend's address cannot be reached. Open connections carry on.
 */
async function startGate(port: number, target: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = createConnection({ port: target, host: '127.0.0.1' });
        sockets.add(client).add(upstream);
        const end = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen();
  let refusedMs = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async refuseFor(ms: number) {
      const closing = server;
      server = undefined;
      closing?.close();
      await new Promise((resolve) => setTimeout(resolve, ms));
      refusedMs += ms;
      await listen();
    },
    get refusedSeconds() {
      return refusedMs / 1000;
    },
    async close() {
      server?.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

interface Server2 {
  readonly url: string;
  readonly logLines: string[];
  readonly errors: string[];
  stop(): Promise<void>;
}

/** `npm run serve` in a child process (its own CPU time, its own log), with the function pointed at the gate. */
async function startSite(port: number, resendUrl: string): Promise<Server2> {
  const child: ChildProcess = spawn(process.execPath, ['tests/support/netlify-server.ts', String(port)], {
    env: {
      ...process.env,
      RESEND_API_KEY: API_KEY,
      RESEND_BASE_URL: resendUrl,
      CONTACT_TO: STUDIO,
      CONTACT_FROM: 'Website <website@example.com>',
      CONTACT_OUTBOX_DIR: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: string[] = [];
  const errors: string[] = [];
  const ready = new Promise<string>((resolve, reject) => {
    // Whole lines from both streams: the function logs its outcomes to stdout, its 5xx and warnings to stderr.
    const onLine = (line: string, fromStderr: boolean) => {
      if (line.startsWith('[contact] {')) logLines.push(line.slice('[contact] '.length));
      else if (fromStderr && line.trim() && errors.length < 50) errors.push(line.trim().slice(0, 300));
      const serving = /Serving dist\/ .* at (http:\/\/\S+)/.exec(line);
      if (serving) resolve(serving[1]!);
    };
    createInterface({ input: child.stdout! }).on('line', (line) => onLine(line, false));
    createInterface({ input: child.stderr! }).on('line', (line) => onLine(line, true));
    child.once('exit', (code) => reject(new Error(`netlify-server exited with ${code}: ${errors.join(' | ')}`)));
  });
  const url = await ready;
  return {
    url,
    logLines,
    errors,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

interface Outcome {
  readonly token: string;
  readonly status: number | 'error';
  readonly ok: boolean | undefined;
  readonly ms: number;
  /** The start of an answer that is not the function's JSON (an error page of the runtime). */
  readonly other?: string;
}

const TOKEN = /bench-token-([0-9a-f-]{36})/;

async function submit(url: string, index: number): Promise<Outcome> {
  const token = randomUUID();
  const body = {
    ...VALID_INQUIRY,
    name: `Bench Visitor ${index}`,
    message: `Benchmark inquiry number ${index}, bench-token-${token}.\nPlease ignore.`,
    submissionId: randomUUID(),
    fillMs: 60_000,
  };
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      // A browser waits minutes for an answer; the local runtime, 50 requests deep, can take a minute.
      signal: AbortSignal.timeout(300_000),
    });
    const text = await response.text();
    let ok: boolean | undefined;
    try {
      ok = (JSON.parse(text) as { ok?: unknown }).ok === true ? true : (JSON.parse(text) as { ok?: unknown }).ok === false ? false : undefined;
    } catch {
      ok = undefined;
    }
    return { token, status: response.status, ok, ms: performance.now() - started, ...(ok === undefined ? { other: text.replace(/\s+/g, ' ').slice(0, 160) } : {}) };
  } catch (error) {
    return { token, status: 'error', ok: undefined, ms: performance.now() - started, other: String((error as Error).cause ?? error).slice(0, 160) };
  }
}

function count<T>(values: readonly T[], key: (value: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[key(value)] = (counts[key(value)] ?? 0) + 1;
  return counts;
}

/** Emails to the studio inbox: the inquiries. The visitor's confirmation (at most one a day per address) goes elsewhere. */
export const toStudio = (delivery: { email: Readonly<Record<string, unknown>> }) => [delivery.email.to].flat().includes(STUDIO);

function reconcile(outcomes: readonly Outcome[], standIn: ResendStandIn) {
  const byToken = new Map<string, { keys: Set<string>; count: number }>();
  const byKey = new Map<string, number>();
  for (const delivery of standIn.deliveries.filter(toStudio)) {
    const token = TOKEN.exec(String(delivery.email.text ?? ''))?.[1] ?? '(none)';
    const entry = byToken.get(token) ?? { keys: new Set<string>(), count: 0 };
    entry.count += 1;
    entry.keys.add(delivery.idempotencyKey ?? '(none)');
    byToken.set(token, entry);
    byKey.set(delivery.idempotencyKey ?? '(none)', (byKey.get(delivery.idempotencyKey ?? '(none)') ?? 0) + 1);
  }
  const toldSent = outcomes.filter((outcome) => outcome.status === 200 && outcome.ok === true);
  const toldNotSent = outcomes.filter((outcome) => outcome.ok === false);
  const falseSent = toldSent.filter((outcome) => !byToken.has(outcome.token)).length;
  const duplicatesByContent = [...byToken.values()].reduce((total, entry) => total + entry.count - 1, 0);
  const duplicatesByKey = [...byKey.values()].reduce((total, n) => total + n - 1, 0);
  const exactlyOnce = falseSent === 0 && toldSent.every((outcome) => byToken.get(outcome.token)?.count === 1 && byToken.get(outcome.token)?.keys.size === 1);
  const notSentButDelivered = toldNotSent.filter((outcome) => byToken.has(outcome.token)).length;
  return { toldSent: toldSent.length, toldNotSent: toldNotSent.length, falseSent, duplicatesByContent, duplicatesByKey, exactlyOnce, notSentButDelivered };
}

export async function runContactHttp(options: HttpOptions): Promise<HttpResult> {
  const log = options.log ?? (() => undefined);
  const label = options.faults ? 'faults' : 'clean';
  const standIn = await startResendStandIn({ apiKey: API_KEY, port: options.portBase + 1 });
  const gate = await startGate(options.portBase + 2, standIn.port);
  let site: Server2 | undefined;
  try {
    log(`  contact-http (${label}): starting the site through Netlify's local runtime on port ${options.portBase}`);
    site = await startSite(options.portBase, gate.url);
    // The server's start made one call that carries no inquiry; it never reaches the stand-in.
    standIn.reset();
    site.logLines.length = 0;
    if (options.faults) standIn.script(...faultScript(options.faults, options.submissions * 4, options.seed ?? 11));

    const deadline = performance.now() + options.timeLimitS * 1000;
    let started = 0;
    let done = false;
    const refusals = (async () => {
      const refuse = options.faults?.refuse;
      if (!refuse) return;
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, refuse.everyMs - refuse.forMs));
        if (done) break;
        await gate.refuseFor(refuse.forMs);
      }
    })();
    const progress = setInterval(() => log(`  contact-http (${label}): ${started} started, ${standIn.deliveries.filter(toStudio).length} delivered`), 15_000);
    const runStarted = performance.now();
    const indices = Array.from({ length: options.submissions }, (_, index) => index);
    const outcomes = (
      await pool(indices, options.concurrency, async (index) => {
        if (performance.now() > deadline) return undefined;
        started += 1;
        return submit(site!.url, index);
      })
    ).filter((outcome): outcome is Outcome => outcome !== undefined);
    const seconds = (performance.now() - runStarted) / 1000;
    done = true;
    clearInterval(progress);
    await refusals;
    // Answers lost after delivery and retries still in flight have all ended once every visitor has an answer.
    const latencies = outcomes.map((outcome) => outcome.ms);
    const statuses = count(outcomes, (outcome) => String(outcome.status));
    const entries = site.logLines.flatMap((line) => {
      try {
        return [JSON.parse(line) as { outcome?: string; status?: number; attempts?: number; detail?: string }];
      } catch {
        return [];
      }
    });
    const delivered = entries.filter((entry) => typeof entry.attempts === 'number');
    const attempts = count(delivered, (entry) => String(entry.attempts));
    const retries = delivered.reduce((total, entry) => total + (entry.attempts ?? 1) - 1, 0);
    const reconciled = reconcile(outcomes, standIn);
    return {
      label,
      planned: options.submissions,
      started: outcomes.length,
      concurrency: options.concurrency,
      seconds,
      throughput: outcomes.length / seconds,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: Math.max(...latencies) },
      statuses,
      noAnswer: outcomes.filter((outcome) => outcome.ok === undefined).length,
      otherServerErrors: outcomes.filter((outcome) => typeof outcome.status === 'number' && outcome.status >= 500 && outcome.ok !== false).length,
      deliveries: standIn.deliveries.filter(toStudio).length,
      confirmations: standIn.deliveries.length - standIn.deliveries.filter(toStudio).length,
      ...reconciled,
      standInCalls: count(standIn.requests, (request) => request.answer ?? '?'),
      logOutcomes: count(entries, (entry) => `${entry.outcome ?? '?'} ${entry.status ?? ''}${entry.detail ? ` ${entry.detail}` : ''}`),
      otherAnswers: count(outcomes.filter((outcome) => outcome.other !== undefined), (outcome) => `${outcome.status}: ${outcome.other}`),
      attempts,
      retriesPerInquiry: delivered.length > 0 ? retries / delivered.length : Number.NaN,
      refusedSeconds: gate.refusedSeconds,
      runtimeErrors: site.errors.slice(0, 10),
    };
  } finally {
    await site?.stop();
    await gate.close();
    await standIn.close();
  }
}

if (import.meta.main) {
  const arg = (name: string) => process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
  const result = await runContactHttp({
    submissions: Number(arg('submissions') ?? 1000),
    concurrency: Number(arg('concurrency') ?? 50),
    faults: process.argv.includes('--faults') ? DEFAULT_FAULTS : undefined,
    timeLimitS: Number(arg('time-limit') ?? 300),
    portBase: Number(process.env.BENCH_PORT_BASE ?? 4500),
    log: console.log,
  });
  console.log(JSON.stringify(result, null, 1));
}
