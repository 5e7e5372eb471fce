/**
 * `npm run bench`: every benchmark, one table. Numbers to read, not a test: nothing here fails on a
 * timing, and `npm test` does not run it. Needs a build (the npm script builds first).
 *
 *   npm run bench                      the full run (about 30 minutes on 2 busy cores); writes the
 *                                      table into docs/benchmarks.md
 *   npm run bench -- --quick           fewer inquiries, pages and runs (about 10 minutes); prints only
 *   npm run bench -- --only=handler,bundle   some of: weight, handler, bundle, http, faults, build, lcp
 *   npm run bench -- --write           write docs/benchmarks.md after a --quick or --only run too
 *   npm run bench -- --lcp-runs=3      Lighthouse runs per page (full: 3, quick: 1)
 *
 * Everything listens on 127.0.0.1, on ports BENCH_PORT_BASE (4500) to +19. Raw results go to
 * .reports/bench.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { runBuildGrowth, type BuildRun } from './build-growth.ts';
import { runBundle, type BundleResult } from './bundle.ts';
import { DEFAULT_FAULTS, runContactHttp, type HttpResult } from './contact-http.ts';
import { runHandler, type HandlerCase } from './handler.ts';
import { measureLcp, type LcpPage } from './lcp.ts';
import { ALMANAC_2025_MEDIAN_MOBILE, pageWeights, type PageWeightRow } from './page-weight.ts';
import { int, kb, ms } from './stats.ts';
import { formatTable } from '../tests/quality/format.ts';

const SECTIONS = ['weight', 'handler', 'bundle', 'http', 'faults', 'build', 'lcp'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((arg) => arg.startsWith('--only='))?.slice(7).split(',') as Section[] | undefined;
const unknown = only?.filter((section) => !SECTIONS.includes(section));
if (unknown?.length) throw new Error(`--only: unknown section ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
const write = args.includes('--write') || (!quick && !only);
const portBase = Number(process.env.BENCH_PORT_BASE ?? 4500);
const wanted = (section: Section) => !only || only.includes(section);

/** What each mode runs. */
const PLAN: { http: { submissions: number; timeLimitS: number }; faults: { submissions: number; timeLimitS: number }; handler: { iterations: number; sample: number }; bundleRuns: number; buildSizes: number[]; lcp: { runs: number; pages: string[] | undefined } } = quick
  ? { http: { submissions: 200, timeLimitS: 240 }, faults: { submissions: 200, timeLimitS: 240 }, handler: { iterations: 1000, sample: 600 }, bundleRuns: 3, buildSizes: [0, 200, 1000], lcp: { runs: 1, pages: undefined } }
  : { http: { submissions: 1000, timeLimitS: 900 }, faults: { submissions: 1000, timeLimitS: 900 }, handler: { iterations: 5000, sample: 3000 }, bundleRuns: 10, buildSizes: [0, 1000, 5000], lcp: { runs: 3, pages: undefined } };
const lcpRuns = args.find((arg) => arg.startsWith('--lcp-runs='));
if (lcpRuns) PLAN.lcp.runs = Number(lcpRuns.slice('--lcp-runs='.length));
const CONCURRENCY = 50;

const log = (line: string) => console.log(line);
const started = new Date();
const machine = {
  cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
  memory: `${Math.round(totalmem() / 1024 ** 3)} GiB`,
  node: process.version,
  os: `${osType()} ${release()}`,
  loadAtStart: loadavg().map((value) => value.toFixed(2)).join(' '),
  commit: (() => {
    try {
      const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
      const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
      return `${commit}${dirty ? ' (with uncommitted changes)' : ''}`;
    } catch {
      return 'unknown';
    }
  })(),
};

interface Results {
  weight?: PageWeightRow[];
  handler?: HandlerCase[];
  bundle?: BundleResult;
  http?: HttpResult;
  faults?: HttpResult;
  build?: BuildRun[];
  lcp?: LcpPage[];
}
const results: Results = {};

async function section<T>(name: Section, title: string, run: () => Promise<T> | T): Promise<T | undefined> {
  if (!wanted(name)) return undefined;
  const sectionStarted = performance.now();
  log(`\n== ${title}`);
  const result = await run();
  log(`   (${((performance.now() - sectionStarted) / 1000).toFixed(0)} s)`);
  return result;
}

results.weight = await section('weight', 'Page weight', () => pageWeights());
results.handler = await section('handler', 'The handler in-process', () => runHandler({ ...PLAN.handler, log }));
results.bundle = await section('bundle', 'The deployed bundle', () => runBundle({ runs: PLAN.bundleRuns, standInPort: portBase + 3, log }));
results.http = await section('http', 'Contact pipeline over HTTP', () => runContactHttp({ ...PLAN.http, concurrency: CONCURRENCY, portBase, log }));
results.faults = await section('faults', 'Faults under load', () => runContactHttp({ ...PLAN.faults, concurrency: CONCURRENCY, faults: DEFAULT_FAULTS, portBase, log }));
results.build = await section('build', 'Build as content grows', () => runBuildGrowth({ sizes: PLAN.buildSizes, log }));
results.lcp = await section('lcp', 'Largest Contentful Paint', () =>
  measureLcp({ runs: PLAN.lcp.runs, pages: PLAN.lcp.pages, serverPort: portBase + 10, chromePort: portBase + 19, brotli: true, log }),
);

// ---- The table ---------------------------------------------------------------------------------

type Row = [benchmark: string, figure: string, result: string, reference: string];
const rows: Row[] = [];
const add = (benchmark: string, figure: string, result: string, reference = '') => rows.push([rows.some((row) => row[0] === benchmark) ? '' : benchmark, figure, result, reference]);
const seconds = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} s`;

function httpRows(name: string, run: HttpResult, faults: boolean) {
  const bounded = run.started < run.planned ? ` (stopped at the ${PLAN.http.timeLimitS} s bound: ${int(run.started)} of ${int(run.planned)})` : '';
  add(name, 'inquiries', `${int(run.started)} distinct at concurrency ${run.concurrency}, in ${seconds(run.seconds)}${bounded}`, `${int(run.planned)} at ${CONCURRENCY}`);
  add(name, 'throughput', `${run.throughput.toFixed(1)} inquiries/s`, "Netlify's local emulator, not production: see below");
  add(name, 'latency p50 / p95 / p99', `${ms(run.latencyMs.p50)} / ${ms(run.latencyMs.p95)} / ${ms(run.latencyMs.p99)}`);
  if (!faults) {
    const equal = run.toldSent === run.deliveries && run.exactlyOnce;
    const unanswered = run.started - run.toldSent - run.toldNotSent;
    add(
      name,
      'reconciliation',
      `${int(run.toldSent)} told "sent", ${int(run.deliveries)} emails received; ${
        equal ? 'each exactly once by idempotency key and by content' : `${run.exactlyOnce ? 'every one told "sent" received exactly once (key and content)' : `NOT exactly once: ${run.falseSent} missing, ${run.duplicatesByContent} duplicates`}; ${int(unanswered)} got no answer from the function (see 5xx), ${int(run.deliveries - run.toldSent)} of those delivered`
      }`,
      'accepted = received, each once',
    );
    add(name, '5xx answers', `${run.otherServerErrors + run.toldNotSent}${run.otherServerErrors > 0 ? ' (the local runtime\'s own 500s: see details)' : ''}; no answer within 300 s: ${int(run.noAnswer - run.otherServerErrors)}`, '0');
    return;
  }
  const calls = run.standInCalls;
  add(
    name,
    'faults played',
    `of ${int(Object.values(calls).reduce((a, b) => a + b, 0))} calls reaching the stand-in: ${int(calls['rate-limit'] ?? 0)} × 429 (retry-after 1 s), ${int(calls['error'] ?? 0)} × 500, ${int(calls['hang'] ?? 0)} × no answer past the 4 s timeout (some after delivering); new connections refused ${seconds(run.refusedSeconds)} of ${seconds(run.seconds)}`,
  );
  add(name, 'false "sent"', int(run.falseSent), '0');
  add(name, 'duplicate emails', `${int(run.duplicatesByContent)} by content, ${int(run.duplicatesByKey)} by key`, '0');
  add(name, 'told "not sent" (ok: false)', `${int(run.toldNotSent)} (${int(run.notSentButDelivered)} of them delivered after all); every one of the ${int(run.toldSent)} told "sent" delivered; ${int(run.deliveries)} emails in all`);
  const attempts = Object.entries(run.attempts).sort(([a], [b]) => Number(a) - Number(b)).map(([n, count]) => `${n}: ${int(count)}`).join(', ');
  add(name, 'retries per inquiry', `${run.retriesPerInquiry.toFixed(2)} on average (attempts ${attempts})`, 'at most 2 (3 attempts)');
  add(name, 'other 5xx, no answer', `${run.otherServerErrors}, ${run.noAnswer - run.otherServerErrors}`, '0');
}

if (results.http) httpRows('Contact pipeline over HTTP (loopback)', results.http, false);
if (results.faults) httpRows('Faults under load', results.faults, true);
for (const handlerCase of results.handler ?? []) {
  add('Handler in-process (in-memory send)', `${handlerCase.label} (${handlerCase.status})`, `p50 ${ms(handlerCase.p50)}, p99 ${ms(handlerCase.p99)}, ${int(handlerCase.perSecond)} requests/s`, handlerCase.label === 'valid inquiry' ? 'p50 < 1 ms' : '');
}
if (results.bundle) {
  const bundle = results.bundle;
  add("Deployed bundle (Netlify's bundler)", 'size on disk, files', `${kb(bundle.bytes)} in ${bundle.files} files (module ${kb(bundle.moduleBytes)})`);
  add("Deployed bundle (Netlify's bundler)", `cold start, median of ${bundle.runs}`, `${ms(bundle.coldStartMs)}: import ${ms(bundle.importMs)} + first answer ${ms(bundle.firstAnswerMs)} (a sent inquiry, real SDK); whole process ${ms(bundle.processMs)}`);
}
for (const row of results.weight ?? []) {
  add(
    'Page weight, first visit (brotli)',
    row.page,
    `HTML+CSS ${kb(row.htmlAndCss)}, JS ${kb(row.js)}, total ${kb(row.total)}, ${row.requests} requests`,
    row === results.weight![0] ? `Web Almanac 2025 median mobile page: ${int(ALMANAC_2025_MEDIAN_MOBILE.totalKB)} KB, ${ALMANAC_2025_MEDIAN_MOBILE.jsKB} KB of JS` : '',
  );
}
if (results.build) {
  const base = results.build.find((run) => run.added === 0) ?? results.build[0]!;
  for (const run of results.build) {
    const perPage = run.added > 0 ? `, ${((run.seconds - base.seconds) * 1000 / (run.added)).toFixed(1)} ms per added page` : '';
    add('Build as content grows (astro build, temp copy)', `+${int(run.added)} location pages (${int(run.pages)} pages)`, `${seconds(run.seconds)}${perPage}, peak ${int(run.peakMiB)} MiB`, run.added > 0 ? 'linear' : '');
  }
}
if (results.lcp) {
  const before = JSON.parse(readFileSync(new URL('./lcp-before.json', import.meta.url), 'utf8')) as { commit: string; pages: Record<string, { lcp: number }> };
  for (const page of results.lcp) {
    const was = before.pages[page.page]?.lcp;
    add(
      `LCP, Lighthouse simulated mobile (median of ${PLAN.lcp.runs})`,
      page.page,
      `${seconds(page.lcp / 1000)}${was ? ` (before: ${seconds(was / 1000)})` : ''}, CLS ≤ ${page.maxCls.toFixed(3)}`,
      page === results.lcp[0] ? '≤ 1.0 s, CLS ≤ 0.01' : '',
    );
  }
}

const table = formatTable(rows, [
  { header: 'Benchmark', value: (row) => row[0] },
  { header: 'Figure', value: (row) => row[1] },
  { header: 'Result', value: (row) => row[2] },
  { header: 'Target or reference', value: (row) => row[3] },
]);
const mode = quick ? 'quick (`npm run bench -- --quick`)' : only ? `only ${only.join(', ')}` : 'full (`npm run bench`)';
const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(0);
const header = [
  `Run: ${mode}, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minutes} min, commit ${machine.commit}.`,
  `Machine: ${machine.cpus}, ${machine.memory}, Node ${machine.node}, ${machine.os}; load average at start ${machine.loadAtStart}, at end ${loadavg().map((value) => value.toFixed(2)).join(' ')}.`,
].join('\n');

console.log(`\n${header}\n\n${table}\n`);

// ---- Details, and docs/benchmarks.md ------------------------------------------------------------

function details(): string {
  const parts: string[] = [];
  for (const [name, run] of [['clean', results.http], ['faults', results.faults]] as const) {
    if (!run) continue;
    parts.push(
      `HTTP run (${name}): ${int(run.confirmations)} confirmation email(s) to the visitor (one address for all: at most one a day); statuses ${JSON.stringify(run.statuses)}; stand-in calls ${JSON.stringify(run.standInCalls)}; the function's log ${JSON.stringify(run.logOutcomes)}; answers not from the function ${JSON.stringify(run.otherAnswers)}; max latency ${ms(run.latencyMs.max)}.` +
        (run.runtimeErrors.length ? ` Runtime messages: ${run.runtimeErrors.slice(0, 3).join(' | ')}` : ''),
    );
  }
  for (const handlerCase of results.handler ?? []) parts.push(`Handler, ${handlerCase.label}: ${handlerCase.note}.`);
  if (results.bundle) parts.push(`Bundle: zip-it-and-ship-it took ${seconds(results.bundle.bundleSeconds)}; every cold start answered ${results.bundle.status} and the stand-in received one email each.`);
  for (const run of results.build ?? []) {
    const phases = Object.entries(run.phases).map(([name, s]) => `${name} ${seconds(s)}`).join(', ');
    const listing = Object.entries(run.listingPagesMs).map(([path, time]) => `${path} ${ms(time)} (${kb(run.listingPagesBytes[path] ?? 0)})`).join(', ');
    parts.push(`Build +${int(run.added)}: ${phases}. Listing pages: ${listing}; a location page ${ms(run.locationPageMs)} on average.`);
  }
  for (const page of results.lcp ?? []) {
    parts.push(`LCP ${page.page}: runs ${page.runs.map((run) => Math.round(run.lcp)).join(', ')} ms; FCP median ${Math.round(page.fcp)} ms; CLS per run ${page.runs.map((run) => run.cls.toFixed(3)).join(', ')} (from web fonts ${page.runs.map((run) => run.clsFromFonts.toFixed(3)).join(', ')}); element ${page.runs[0]?.element}.`);
  }
  return parts.map((part) => `- ${part}`).join('\n');
}

mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/bench.json', JSON.stringify({ started, mode, machine, plan: PLAN, results }, null, 1));

if (write) {
  const doc = 'docs/benchmarks.md';
  const generated = `<!-- bench:start (written by npm run bench; edit around it) -->\n${header}\n\n${table}\n\n<details><summary>Details of this run</summary>\n\n${details()}\n\n</details>\n<!-- bench:end -->`;
  let text: string;
  try {
    text = readFileSync(doc, 'utf8');
  } catch {
    text = '# Benchmarks\n\n<!-- bench:start --><!-- bench:end -->\n';
  }
  const updated = text.replace(/<!-- bench:start[\s\S]*?<!-- bench:end -->/, generated);
  writeFileSync(doc, updated === text && !text.includes('<!-- bench:start') ? `${text}\n${generated}\n` : updated);
  console.log(`Written to ${doc} (and .reports/bench.json).`);
} else {
  console.log('Raw results in .reports/bench.json; docs/benchmarks.md left as it is (add --write to update it).');
}
