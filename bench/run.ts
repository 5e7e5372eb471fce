/**
 * `npm run bench`: every benchmark, one table. Numbers to read, not a test: nothing here fails on a
 * timing, and `npm test` does not run it. Needs a build (the npm script builds first).
 *
 *   npm run bench                        the full run; writes the table into docs/benchmarks.md
 *   npm run bench -- --quick             fewer inquiries and pages; prints only
 *   npm run bench -- --only=handler,bundle   some of: weight, handler, bundle, http, faults, build
 *   npm run bench -- --write             write docs/benchmarks.md after a --quick or --only run too
 *
 * Everything listens on 127.0.0.1, on free ports. Raw results go to .reports/bench.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { runBuildGrowth } from './build-growth.ts';
import { runBundle } from './bundle.ts';
import { runContactHttp, type HttpResult } from './contact-http.ts';
import { runHandler } from './handler.ts';
import { int, kb, ms } from './stats.ts';
import { formatTable } from '../tests/quality/format.ts';
import { measurePage, ownerPhotoStems } from '../tests/quality/page-weight.ts';
import { qualityPages } from '../tests/quality/site-pages.ts';

const SECTIONS = ['weight', 'handler', 'bundle', 'http', 'faults', 'build'];
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((arg) => arg.startsWith('--only='))?.slice(7).split(',');
const unknown = only?.filter((section) => !SECTIONS.includes(section));
if (unknown?.length) throw new Error(`--only: unknown section ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
const wanted = (section: string) => !only || only.includes(section);
const PLAN = quick
  ? { submissions: 200, timeLimitS: 240, iterations: 1000, bundleRuns: 3, buildSizes: [0, 200, 1000] }
  : { submissions: 1000, timeLimitS: 900, iterations: 5000, bundleRuns: 10, buildSizes: [0, 1000, 5000] };
/** Web Almanac 2025, Page Weight chapter: the median mobile page, in KB. */
const ALMANAC_2025_MEDIAN_MOBILE = { totalKB: 2559, jsKB: 632 };

const started = new Date();
const git = (...command: string[]) => execFileSync('git', command, { encoding: 'utf8' }).trim();
const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : ''}`;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const loadAtStart = load();

async function section<T>(name: string, title: string, run: () => Promise<T> | T): Promise<T | undefined> {
  if (!wanted(name)) return undefined;
  const sectionStarted = performance.now();
  console.log(`== ${title}`);
  const result = await run();
  console.log(`   (${((performance.now() - sectionStarted) / 1000).toFixed(0)} s)`);
  return result;
}

const ownerPhotos = ownerPhotoStems();
const results = {
  weight: await section('weight', 'Page weight', () => qualityPages().map((page) => ({ page: page.label, ...measurePage(page.file, page.status === 404 ? '/404.html' : page.requestPath, { ownerPhotos }) }))),
  handler: await section('handler', 'The function in-process', () => runHandler({ iterations: PLAN.iterations })),
  bundle: await section('bundle', 'The deployed bundle', () => runBundle({ runs: PLAN.bundleRuns })),
  http: await section('http', 'Contact pipeline over HTTP', () => runContactHttp({ ...PLAN, concurrency: 50, log: console.log })),
  faults: await section('faults', 'Faults under load', () => runContactHttp({ ...PLAN, concurrency: 50, faults: true, log: console.log })),
  build: await section('build', 'Build as content grows', () => runBuildGrowth({ sizes: PLAN.buildSizes, log: console.log })),
};

type Row = [benchmark: string, figure: string, result: string, reference: string];
const rows: Row[] = [];
const add = (benchmark: string, figure: string, result: string, reference = '') => rows.push([rows.some((row) => row[0] === benchmark) ? '' : benchmark, figure, result, reference]);

function httpRows(name: string, run: HttpResult) {
  const bounded = run.started < run.planned ? ` (stopped at the ${PLAN.timeLimitS} s bound)` : '';
  add(name, 'inquiries', `${int(run.started)} at concurrency 50 in ${run.seconds.toFixed(0)} s${bounded}; p50 ${ms(run.latencyMs.p50)}, p99 ${ms(run.latencyMs.p99)}`, "Netlify's local runtime, not production");
  add(name, 'answers', `${int(run.toldSent)} "sent", ${int(run.toldNotSent)} "NOT sent" (${int(run.notSentButDelivered)} delivered after all), ${int(run.noAnswer)} no answer; statuses ${JSON.stringify(run.statuses)}`);
  add(name, 'lost / false "sent" / duplicated', `${int(run.lost)} / ${int(run.falseSent)} / ${int(run.duplicatesByContent)} by content, ${int(run.duplicatesByKey)} by key (${int(run.deliveries)} emails)`, '0 / 0 / 0');
  add(name, 'stand-in calls', `${JSON.stringify(run.standInCalls)}; ${run.callsPerDelivery.toFixed(2)} calls per delivered inquiry; refused ${run.refusedSeconds.toFixed(0)} s`);
}
for (const { page, htmlAndCss, js, total, requests } of results.weight ?? []) {
  const reference = page === results.weight?.[0]?.page ? `Web Almanac 2025 median mobile page: ${int(ALMANAC_2025_MEDIAN_MOBILE.totalKB)} KB, ${ALMANAC_2025_MEDIAN_MOBILE.jsKB} KB of JS` : '';
  add('Page weight, first visit (brotli)', page, `HTML+CSS ${kb(htmlAndCss)}, JS ${kb(js)}, total ${kb(total)}, ${requests} requests`, reference);
}
for (const { label, status, p50, p99 } of results.handler ?? []) add('The function in-process (real SDK, loopback stand-in)', `${label} (${status})`, `p50 ${ms(p50)}, p99 ${ms(p99)}`);
if (results.bundle) {
  const { bytes, files, moduleBytes, runs, importMs, firstAnswerMs } = results.bundle;
  add("Deployed bundle (Netlify's bundler)", 'size on disk', `${kb(bytes)} in ${files} files (module ${kb(moduleBytes)})`);
  add("Deployed bundle (Netlify's bundler)", `cold start, median of ${runs}`, `${ms(importMs + firstAnswerMs)}: import ${ms(importMs)} + first answer ${ms(firstAnswerMs)} (a sent inquiry)`);
}
if (results.http) httpRows('Contact pipeline over HTTP (loopback)', results.http);
if (results.faults) httpRows('Faults under load', results.faults);
const base = results.build?.[0];
for (const run of results.build ?? []) {
  const perPage = base && run.added > base.added ? `, ${(((run.seconds - base.seconds) * 1000) / (run.added - base.added)).toFixed(1)} ms per added page` : '';
  const listing = Object.entries(run.listingPagesBytes).map(([path, bytes]) => `${path} ${kb(bytes)}`).join(', ');
  add('Build as content grows (astro build, temp copy)', `+${int(run.added)} locations (${int(run.pages)} pages)`, `${run.seconds.toFixed(1)} s${perPage}, peak ${int(run.peakMiB)} MiB; ${listing}`);
}

const table = formatTable(rows, ['Benchmark', 'Figure', 'Result', 'Target or reference'].map((header, index) => ({ header, value: (row: Row) => row[index]! })));
const mode = quick ? 'quick (`npm run bench -- --quick`)' : only ? `only ${only.join(', ')}` : 'full (`npm run bench`)';
const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(0);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}; load average at start ${loadAtStart}, at end ${load()}`;
const header = `Run: ${mode}, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minutes} min, commit ${commit}.\nMachine: ${machine}.`;
console.log(`\n${header}\n\n${table}\n`);

mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/bench.json', JSON.stringify({ started, mode, machine, plan: PLAN, results }, null, 1));
if (args.includes('--write') || (!quick && !only)) {
  const doc = 'docs/benchmarks.md';
  const generated = `<!-- bench:start (written by npm run bench; edit around it) -->\n${header}\n\n${table}\n<!-- bench:end -->`;
  writeFileSync(doc, readFileSync(doc, 'utf8').replace(/<!-- bench:start[\s\S]*?<!-- bench:end -->/, generated));
  console.log(`Written to ${doc} (and .reports/bench.json).`);
}
