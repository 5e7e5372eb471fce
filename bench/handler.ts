/**
 * The contact handler in-process: `createContactHandler` with an in-memory send (nothing leaves
 * the process), the real location list and validation, called one request at a time. Per case: the
 * time from calling the handler to its Response (the Request is built beforehand, untimed), p50 and
 * p99 over `iterations` calls after a warm-up, and requests per second from the mean.
 *
 * Cases: a valid inquiry (JSON, as the form's script posts it), an invalid one (422), and the
 * slowest hostile request among those the property tests generate (tests/unit/contact/
 * hostile-requests.ts), found by timing a seeded sample of them and re-timing the slowest.
 *
 *   node bench/handler.ts [--iterations=5000] [--sample=3000]
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createContactHandler } from '../netlify/functions/contact/index.ts';
import { FACTS, TEST_ENV, jsonRequest, VALID_INQUIRY } from '../tests/unit/contact/fixtures.ts';
import { CONTENT_TYPES, formBody, hostileRequest, hostileRequestOf, nearlyValidFields, type HostileRequest } from '../tests/unit/contact/hostile-requests.ts';
import { median, percentile, sum } from './stats.ts';

export interface HandlerCase {
  readonly label: string;
  readonly status: number;
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
  /** What the case is, in a few words (for the hostile one, what the generator produced). */
  readonly note: string;
}

export interface HandlerOptions {
  readonly iterations: number;
  /** Hostile requests sampled to find the slowest. */
  readonly sample: number;
  readonly seed?: number;
  readonly log?: (line: string) => void;
}

/** Delivers nowhere: the cost of the handler alone. */
function benchHandler() {
  let sent = 0;
  return createContactHandler({
    env: (name) => TEST_ENV[name],
    send: async () => ({ ok: true, messageId: `memory-${++sent}`, attempts: 1 }),
    siteFacts: async () => FACTS,
    log: () => undefined,
  });
}

type Handler = ReturnType<typeof benchHandler>;

/** One timed call: handler start to Response. */
async function timeOnce(handle: Handler, request: Request): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await handle(request);
  const ms = performance.now() - started;
  await response.arrayBuffer();
  return { ms, status: response.status };
}

async function timeCase(handle: Handler, makeRequest: () => Request, iterations: number) {
  const warmUp = Math.min(500, Math.ceil(iterations / 5));
  for (let index = 0; index < warmUp; index += 1) await timeOnce(handle, makeRequest());
  const times: number[] = [];
  let status = 0;
  for (let index = 0; index < iterations; index += 1) {
    const result = await timeOnce(handle, makeRequest());
    times.push(result.ms);
    status = result.status;
  }
  return { status, p50: percentile(times, 50), p99: percentile(times, 99), perSecond: 1000 / (sum(times) / times.length) };
}

/** A JSON post as the form's script sends it. */
const json = (body: unknown) => () => jsonRequest(body, { headers: { accept: 'application/json' } });

function describeHostile(input: HostileRequest): string {
  const body = input.body.length > 60 ? `${JSON.stringify(input.body.slice(0, 40)).slice(0, -1)}…" (${input.body.length.toLocaleString('en-US')} chars)` : JSON.stringify(input.body);
  return `${input.method} ${input.contentType || '(no type)'} ${body}`;
}

/** The property tests' generators, as they draw requests: any hostile request, nearly valid forms, oversized bodies. */
function hostileSample(size: number, seed: number): HostileRequest[] {
  const nearlyValid = fc
    .tuple(nearlyValidFields, fc.constantFrom('application/json', 'application/x-www-form-urlencoded'))
    .map(([fields, contentType]): HostileRequest => ({ method: 'POST', contentType, body: contentType === 'application/json' ? JSON.stringify(fields) : formBody(fields), origin: undefined, fetchSite: undefined }));
  const oversized = fc
    .tuple(fc.integer({ min: 32 * 1024 + 1, max: 200 * 1024 }), fc.constantFrom(...CONTENT_TYPES.slice(0, 4)))
    .map(([length, contentType]): HostileRequest => ({ method: 'POST', contentType, body: 'a'.repeat(length), origin: undefined, fetchSite: undefined }));
  return [
    ...fc.sample(hostileRequest, { numRuns: Math.round(size * 0.6), seed }),
    ...fc.sample(nearlyValid, { numRuns: Math.round(size * 0.35), seed: seed + 1 }),
    ...fc.sample(oversized, { numRuns: Math.max(10, Math.round(size * 0.05)), seed: seed + 2 }),
  ];
}

async function slowestHostile(handle: Handler, size: number, seed: number): Promise<HostileRequest> {
  const sample = hostileSample(size, seed);
  const once: { input: HostileRequest; ms: number }[] = [];
  for (const input of sample) once.push({ input, ms: (await timeOnce(handle, hostileRequestOf(input))).ms });
  // One timing is noisy (a GC pause lands anywhere): re-time the 20 slowest 30 times each.
  const candidates = once.sort((a, b) => b.ms - a.ms).slice(0, 20);
  let slowest = candidates[0]!.input;
  let slowestMedian = -1;
  for (const { input } of candidates) {
    const times: number[] = [];
    for (let index = 0; index < 30; index += 1) times.push((await timeOnce(handle, hostileRequestOf(input))).ms);
    const typical = median(times);
    if (typical > slowestMedian) [slowest, slowestMedian] = [input, typical];
  }
  return slowest;
}

export async function runHandler(options: HandlerOptions): Promise<HandlerCase[]> {
  const log = options.log ?? (() => undefined);
  const handle = benchHandler();
  const valid = () => json({ ...VALID_INQUIRY, submissionId: randomUUID(), fillMs: 60_000 })();
  const invalid = json({ ...VALID_INQUIRY, email: 'not an address', phone: 'call me', message: '', fillMs: 60_000 });
  log(`  handler: searching ${options.sample.toLocaleString('en-US')} generated hostile requests for the slowest`);
  const hostile = await slowestHostile(handle, options.sample, options.seed ?? 42);
  const cases: [string, () => Request, string][] = [
    ['valid inquiry', valid, 'JSON, as the form script posts it; delivered to memory'],
    ['invalid inquiry', invalid, 'JSON, three fields wrong'],
    ['slowest hostile request', () => hostileRequestOf(hostile), describeHostile(hostile)],
  ];
  const results: HandlerCase[] = [];
  for (const [label, makeRequest, note] of cases) {
    const timed = await timeCase(handle, makeRequest, options.iterations);
    log(`  handler: ${label}: ${timed.status}, p50 ${timed.p50.toFixed(3)} ms, p99 ${timed.p99.toFixed(3)} ms, ${Math.round(timed.perSecond)}/s`);
    results.push({ label, note, ...timed });
  }
  return results;
}

if (import.meta.main) {
  const arg = (name: string) => process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
  const results = await runHandler({ iterations: Number(arg('iterations') ?? 5000), sample: Number(arg('sample') ?? 3000), log: console.log });
  console.table(results);
}
