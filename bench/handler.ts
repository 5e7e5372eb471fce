/**
 * The contact function in-process: its default export called with a web Request, one call at a
 * time, as Netlify's runtime calls it, sending with the real Resend SDK to the local stand-in. Per
 * case, the time from the call to its Response: p50 and p99 over `iterations` calls after a warm-up.
 *
 *   node bench/handler.ts [--iterations=5000]
 */
import { randomUUID } from 'node:crypto';
import { startResendStandIn } from '../tests/support/resend-stand-in.ts';
import { INQUIRY, percentile } from './stats.ts';

export interface HandlerCase {
  readonly label: string;
  readonly status: number;
  readonly p50: number;
  readonly p99: number;
}

const API_KEY = 're_bench_handler_0123456789';

/** A post as the form's script sends it. */
const post = (body: string) =>
  new Request('https://www.example.com/api/contact', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });

export async function runHandler({ iterations }: { iterations: number }): Promise<HandlerCase[]> {
  const standIn = await startResendStandIn({ apiKey: API_KEY });
  Object.assign(process.env, { RESEND_API_KEY: API_KEY, RESEND_BASE_URL: standIn.url, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'Website <website@example.com>' });
  const { default: handler } = await import('../netlify/functions/contact/index.ts');
  const cases: [string, () => Request][] = [
    ['valid inquiry, sent', () => post(JSON.stringify({ ...INQUIRY, message: `Bench inquiry ${randomUUID()}.`, submissionId: randomUUID(), fillMs: 60_000 }))],
    ['invalid inquiry', () => post(JSON.stringify({ ...INQUIRY, email: 'not an address', phone: 'call me', message: '', fillMs: 60_000 }))],
    ['body over 32 KB', () => post(`"${'a'.repeat(40_000)}"`)],
  ];
  // The function logs one line per call; a benchmark of thousands of calls would print nothing else.
  const { log, warn, error } = console;
  console.log = console.warn = console.error = () => undefined;
  const results: HandlerCase[] = [];
  try {
    for (const [label, makeRequest] of cases) {
      const times: number[] = [];
      let status = 0;
      for (let index = -Math.ceil(iterations / 5); index < iterations; index += 1) {
        const request = makeRequest();
        const started = performance.now();
        const response = await handler(request, {} as never);
        if (index >= 0) times.push(performance.now() - started);
        status = response.status;
        await response.arrayBuffer();
      }
      results.push({ label, status, p50: percentile(times, 50), p99: percentile(times, 99) });
    }
  } finally {
    Object.assign(console, { log, warn, error });
    await standIn.close();
  }
  return results;
}

if (import.meta.main) {
  const iterations = Number(process.argv.find((value) => value.startsWith('--iterations='))?.slice(13) ?? 5000);
  console.table(await runHandler({ iterations }));
}
