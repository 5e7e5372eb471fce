/**
 * The contact pipeline over HTTP on loopback: the built site served as `npm run serve` serves it
 * (Netlify's local runtime, in its own process), the function sending with the real Resend SDK to
 * the local stand-in. Distinct inquiries at a fixed concurrency, each with a unique token in its
 * message, then a reconciliation of what each visitor was told against the stand-in's inbox.
 *
 * With faults, the stand-in answers a seeded share of calls with 429 (Retry-After), 500 or nothing
 * (some after delivering), and a TCP gate in front of it refuses new connections for short spells.
 *
 *   node bench/contact-http.ts [--submissions=200] [--faults]
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../tests/support/port.ts';
import { startResendStandIn, type ScriptedAnswer } from '../tests/support/resend-stand-in.ts';
import { INQUIRY, percentile, pool } from './stats.ts';

const API_KEY = 're_bench_0123456789abcdef';
const STUDIO = 'studio@example.com';

/** Shares of the calls reaching the stand-in, and the spells the gate refuses connections. */
export const FAULTS = { rateLimit: 0.1, serverError: 0.1, noAnswer: 0.04, lostAfterDelivery: 0.04, refuseEveryMs: 5000, refuseForMs: 500 };

export interface HttpResult {
  readonly planned: number;
  /** Inquiries started before the time limit. */
  readonly started: number;
  readonly seconds: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
  readonly statuses: Readonly<Record<string, number>>;
  /** Answered ok: true ("sent") and ok: false ("NOT sent, call us"). */
  readonly toldSent: number;
  readonly toldNotSent: number;
  /** Neither: no answer, or one that is not the function's. */
  readonly noAnswer: number;
  readonly deliveries: number;
  /** Told "sent", but nothing with its token arrived. */
  readonly falseSent: number;
  /** Neither delivered nor told "not sent": the visitor would believe it went. */
  readonly lost: number;
  /** Deliveries beyond the first, by token and by idempotency key. */
  readonly duplicatesByContent: number;
  readonly duplicatesByKey: number;
  readonly notSentButDelivered: number;
  /** Calls the stand-in received, by how it answered them; calls per delivered key. */
  readonly standInCalls: Readonly<Record<string, number>>;
  readonly callsPerDelivery: number;
  readonly refusedSeconds: number;
}

/** mulberry32: the same faults in the same order on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function faultScript(calls: number): ScriptedAnswer[] {
  const next = random(11);
  return Array.from({ length: calls }, (): ScriptedAnswer => {
    let roll = next();
    if ((roll -= FAULTS.rateLimit) < 0) return { kind: 'rate-limit', retryAfterSeconds: 1 };
    if ((roll -= FAULTS.serverError) < 0) return { kind: 'error', status: 500 };
    if ((roll -= FAULTS.noAnswer) < 0) return { kind: 'hang' };
    if ((roll -= FAULTS.lostAfterDelivery) < 0) return { kind: 'hang', afterDelivery: true };
    return { kind: 'accept' };
  });
}

/** A TCP pass-through to the stand-in that can stop listening, so connecting is refused, as when Resend cannot be reached. */
async function startGate(target: number) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = createConnection({ port: target, host: '127.0.0.1' });
        const end = () => [client, upstream].forEach((socket) => (socket.destroy(), sockets.delete(socket)));
        for (const socket of [client, upstream]) sockets.add(socket.on('error', end).on('close', end));
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject).listen(port, '127.0.0.1', resolve);
    });
  await listen();
  let refusedMs = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    refusedSeconds: () => refusedMs / 1000,
    async refuseFor(ms: number) {
      server?.close();
      await new Promise((resolve) => setTimeout(resolve, ms));
      refusedMs += ms;
      await listen();
    },
    close: () => (server?.close(), sockets.forEach((socket) => socket.destroy())),
  };
}

/** `npm run serve` in a child process, the function pointed at `resendUrl`; ready once the function has answered. */
async function startSite(resendUrl: string) {
  const port = await freePort();
  const env = { ...process.env, RESEND_API_KEY: API_KEY, RESEND_BASE_URL: resendUrl, CONTACT_TO: STUDIO, CONTACT_FROM: 'Website <website@example.com>', CONTACT_OUTBOX_DIR: '' };
  const child = spawn(process.execPath, ['tests/support/netlify-server.ts', String(port)], { env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 500) {
    if (child.exitCode !== null || waited > 180_000) throw new Error(`the site did not start on ${url}`);
    const answer = await fetch(`${url}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"warm-up"' }).catch(() => undefined);
    if (answer?.status === 400) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

interface Outcome {
  readonly token: string;
  readonly status: number | 'error';
  readonly ok: boolean | undefined;
  readonly ms: number;
}

async function submit(url: string): Promise<Outcome> {
  const token = randomUUID();
  const body = JSON.stringify({ ...INQUIRY, message: `Benchmark inquiry bench-token-${token}.\nPlease ignore.`, submissionId: randomUUID(), fillMs: 60_000 });
  const started = performance.now();
  try {
    // A browser waits minutes; the local runtime, 50 requests deep, can take that long.
    const response = await fetch(`${url}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body, signal: AbortSignal.timeout(300_000) });
    const ok = ((await response.json().catch(() => ({}))) as { ok?: unknown }).ok;
    return { token, status: response.status, ok: typeof ok === 'boolean' ? ok : undefined, ms: performance.now() - started };
  } catch {
    return { token, status: 'error', ok: undefined, ms: performance.now() - started };
  }
}

function count<T>(values: readonly T[], key: (value: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[key(value)] = (counts[key(value)] ?? 0) + 1;
  return counts;
}

export async function runContactHttp(options: { submissions: number; concurrency: number; timeLimitS: number; faults?: boolean; log?: (line: string) => void }): Promise<HttpResult> {
  const standIn = await startResendStandIn({ apiKey: API_KEY });
  const gate = await startGate(standIn.port);
  let site: Awaited<ReturnType<typeof startSite>> | undefined;
  try {
    site = await startSite(gate.url);
    const { url } = site;
    standIn.reset();
    if (options.faults) standIn.script(...faultScript(options.submissions * 4));
    let done = false;
    const refusals = (async () => {
      while (options.faults && !done) {
        await new Promise((resolve) => setTimeout(resolve, FAULTS.refuseEveryMs - FAULTS.refuseForMs));
        if (!done) await gate.refuseFor(FAULTS.refuseForMs);
      }
    })();
    const deadline = performance.now() + options.timeLimitS * 1000;
    const progress = setInterval(() => options.log?.(`  ${standIn.deliveries.length} delivered`), 30_000);
    const started = performance.now();
    const outcomes = (await pool([...Array(options.submissions).keys()], options.concurrency, async () => (performance.now() > deadline ? undefined : submit(url)))).filter(
      (outcome): outcome is Outcome => outcome !== undefined,
    );
    const seconds = (performance.now() - started) / 1000;
    done = true;
    clearInterval(progress);
    await refusals;

    const inbox = standIn.deliveries.filter((delivery) => [delivery.email.to].flat().includes(STUDIO));
    const byToken = count(inbox, (delivery) => /bench-token-([0-9a-f-]{36})/.exec(String(delivery.email.text))?.[1] ?? '(none)');
    const byKey = count(inbox, (delivery) => delivery.idempotencyKey ?? '(none)');
    const callsByKey = count(standIn.requests, (request) => request.headers['idempotency-key'] ?? '(none)');
    const extra = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n - 1, 0);
    const delivered = (outcome: Outcome) => outcome.token in byToken;
    const latencies = outcomes.map((outcome) => outcome.ms);
    return {
      planned: options.submissions,
      started: outcomes.length,
      seconds,
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      statuses: count(outcomes, (outcome) => String(outcome.status)),
      toldSent: outcomes.filter((outcome) => outcome.ok === true).length,
      toldNotSent: outcomes.filter((outcome) => outcome.ok === false).length,
      noAnswer: outcomes.filter((outcome) => outcome.ok === undefined).length,
      deliveries: inbox.length,
      falseSent: outcomes.filter((outcome) => outcome.ok === true && !delivered(outcome)).length,
      lost: outcomes.filter((outcome) => outcome.ok !== false && !delivered(outcome)).length,
      duplicatesByContent: extra(byToken),
      duplicatesByKey: extra(byKey),
      notSentButDelivered: outcomes.filter((outcome) => outcome.ok === false && delivered(outcome)).length,
      standInCalls: count(standIn.requests, (request) => request.answer ?? '?'),
      callsPerDelivery: Object.keys(byKey).reduce((total, key) => total + (callsByKey[key] ?? 0), 0) / Math.max(1, Object.keys(byKey).length),
      refusedSeconds: gate.refusedSeconds(),
    };
  } finally {
    site?.stop();
    gate.close();
    await standIn.close();
  }
}

if (import.meta.main) {
  const submissions = Number(process.argv.find((value) => value.startsWith('--submissions='))?.slice(14) ?? 200);
  console.log(await runContactHttp({ submissions, concurrency: 50, timeLimitS: 600, faults: process.argv.includes('--faults'), log: console.log }));
}
