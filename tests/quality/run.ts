/**
 * The quality gates: every page of the production build against its budgets, in one table.
 *
 *   node tests/quality/run.ts                  gates (npm run test:quality): exit 1 when a budget breaks
 *   node tests/quality/run.ts --report         the same table with Lighthouse's Performance score and metrics, for reading (npm run report): exit 0
 *   node tests/quality/run.ts --skip-lighthouse   only the checks that need no browser (seconds)
 *   node tests/quality/run.ts --pages=/,/faq/     only these pages ("404" for the 404 page)
 *
 * Needs a build (`npm run build`); `npm run test:quality` also runs html-validate over dist/. Per page:
 * - transfer bytes from dist/: HTML + CSS, JavaScript, everything loaded, requests;
 * - images from astro:assets, modern and lazy;
 * - the response headers served by Netlify's local runtime (tests/support/netlify-server.ts) with
 *   the page's CSP <meta>, graded by the MDN HTTP Observatory's analyzers and checked rule by rule;
 * - on one page of each template (LIGHTHOUSE_PAGES), one Lighthouse run (mobile, simulated
 *   throttling): every accessibility, best-practices and SEO audit, image sizes, render-blocking
 *   requests, layout shift. The Performance score and metrics are measured for --report only;
 * and the contact function's answers to bad requests. Lighthouse reports go to .reports/lighthouse/.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNetlifyServer } from '../support/netlify-server.ts';
import { getSiteSettings } from '../../src/lib/site-settings.ts';
import { budgets, interactivePages } from './budgets.ts';
import { formatBytes, formatTable } from './format.ts';
import { imageProblems } from './html-checks.ts';
import { parseHtml } from './html.ts';
import { categoryScore, failingAudits, launchChrome, layoutShiftNotFromFonts, metrics, renderBlockingRequests, runLighthouse, unsizedImages, type Category } from './lighthouse.ts';
import { gradeResponse, type CapturedResponse, type ObservatoryGrade } from './observatory.ts';
import { measurePage, ownerPhotoStems, type PageWeight } from './page-weight.ts';
import { functionResponseProblems, pageHeaderProblems } from './security-headers.ts';
import { LIGHTHOUSE_PAGES, qualityPages, type QualityPage } from './site-pages.ts';

const args = process.argv.slice(2);
const reportOnly = args.includes('--report');
const skipLighthouse = args.includes('--skip-lighthouse');
const onlyPages = args.find((arg) => arg.startsWith('--pages='))?.slice('--pages='.length).split(',');
const REPORTS = '.reports/lighthouse';

/** Lighthouse's categories as the table shows them; Performance is reported, the others gated. */
const CATEGORY_COLUMNS: [Category, string][] = [
  ['performance', 'Perf'],
  ['accessibility', 'A11y'],
  ['best-practices', 'BP'],
  ['seo', 'SEO'],
];

interface LighthouseFigures {
  /** Lighthouse's own scores, 0–100; Performance only in the report. */
  scores: Record<Category, number | undefined>;
  metrics: ReturnType<typeof metrics>;
}

interface PageResult {
  page: QualityPage;
  weight: PageWeight;
  observatory?: ObservatoryGrade;
  lighthouse?: LighthouseFigures;
  problems: string[];
}

const { siteUrl } = await getSiteSettings();
const ownerPhotos = ownerPhotoStems();
const started = Date.now();

async function capture(url: string, init: RequestInit = {}): Promise<CapturedResponse> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

// ---- Checks on dist/ (no browser, no server) -------------------------------------------------

function staticChecks(page: QualityPage): PageResult {
  // Relative URLs resolve against the address the page is served at; the 404 page is built as /404.html.
  const pagePath = page.status === 404 ? '/404.html' : page.requestPath;
  const weight = measurePage(page.file, pagePath, { ownerPhotos });
  const document = parseHtml(readFileSync(page.file, 'utf8'));
  const problems: string[] = weight.problems.map((problem) => `assets: ${problem}`);
  const jsBudget = interactivePages.has(page.requestPath) ? budgets.bytes.jsInteractivePage : budgets.bytes.jsContentPage;
  if (weight.htmlAndCss > budgets.bytes.htmlAndCss) problems.push(`bytes: HTML + CSS ${formatBytes(weight.htmlAndCss)} B > ${formatBytes(budgets.bytes.htmlAndCss)} B`);
  if (weight.js > jsBudget) problems.push(`bytes: JavaScript ${formatBytes(weight.js)} B > ${formatBytes(jsBudget)} B`);
  if (weight.total > budgets.bytes.total) {
    const largest = [...weight.resources].sort((a, b) => b.bytes - a.bytes).slice(0, 3).map((resource) => `${resource.url} ${formatBytes(resource.bytes)} B`);
    problems.push(`bytes: total ${formatBytes(weight.total)} B > ${formatBytes(budgets.bytes.total)} B (largest: ${largest.join(', ')})`);
  }
  if (weight.requests > budgets.requests) problems.push(`requests: ${weight.requests} > ${budgets.requests}`);
  problems.push(...imageProblems(document).map((problem) => `images: ${problem}`));
  return { page, weight, problems };
}

// ---- Checks through Netlify's local runtime (its headers, the function) -----------------------

async function headerChecks(results: PageResult[], origin: string): Promise<void> {
  for (const result of results) {
    const { page } = result;
    const response = await capture(`${origin}${page.requestPath}`);
    if (response.status !== page.status) result.problems.push(`status: answered ${response.status}, not ${page.status}`);
    result.problems.push(...pageHeaderProblems(response.headers, response.body).map((problem) => `headers: ${problem}`));
    const preflight = await capture(`${origin}${page.requestPath}`, { method: 'OPTIONS', headers: { Origin: 'https://http-observatory.security.mozilla.org', 'Access-Control-Request-Method': 'GET' } });
    result.observatory = await gradeResponse(new URL(page.requestPath, siteUrl).href, response, preflight);
    if (result.observatory.score < budgets.observatory) {
      const lost = result.observatory.tests.filter((test) => test.modifier < 0).map((test) => `${test.name}: ${test.result} (${test.modifier})`);
      result.problems.push(`observatory: ${result.observatory.score} (${result.observatory.grade}) < ${budgets.observatory}: ${lost.join('; ')}`);
    }
    // Hashed build assets never change: the CDN may keep them for a year.
    for (const resource of result.weight.resources.filter((item) => item.url.startsWith('/_astro/'))) {
      const asset = await fetch(`${origin}${resource.url}`, { method: 'HEAD' });
      const cacheControl = asset.headers.get('cache-control') ?? '';
      if (!/immutable/.test(cacheControl) || Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? 0) < 31_536_000) {
        result.problems.push(`caching: ${resource.url} is served with Cache-Control "${cacheControl}", not a year and immutable`);
      }
    }
  }
}

/** Bad requests to the contact function: each must be refused with the function's own security headers. */
const BAD_CONTACT_REQUESTS: { label: string; init: RequestInit }[] = [
  { label: 'malformed JSON', init: { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: '{"name":' } },
  { label: 'empty form (script)', init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: '' } },
  { label: 'empty form (no script)', init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' }, body: 'name=' } },
  // Answered without reading the body: the server must stay up for the requests after these.
  { label: 'plain text', init: { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' } },
  { label: 'body over 32 KB', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `"${'a'.repeat(40_000)}"` } },
  { label: 'after those, malformed JSON again', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' } },
];

async function functionChecks(origin: string): Promise<{ label: string; status: number; problems: string[] }[]> {
  const outcomes = [];
  for (const { label, init } of BAD_CONTACT_REQUESTS) {
    const response = await capture(`${origin}/api/contact`, init);
    outcomes.push({ label, status: response.status, problems: functionResponseProblems(response.status, response.headers) });
  }
  return outcomes;
}

// ---- Lighthouse ------------------------------------------------------------------------------

function slug(page: QualityPage): string {
  return page.label === '/' ? 'home' : page.label.replace(/^\/|\/$/g, '').replaceAll('/', '-');
}

/** One run a page: every check gated here reads the page's structure, not how fast this machine is. */
async function lighthouseChecks(results: PageResult[], origin: string): Promise<void> {
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  const chrome = await launchChrome();
  try {
    for (const result of results) {
      const { page } = result;
      const pageStarted = Date.now();
      const lhr = await runLighthouse(`${origin}${page.requestPath}`, chrome.port, { performance: reportOnly });
      writeFileSync(join(REPORTS, `${slug(page)}.json`), JSON.stringify(lhr, null, 1));
      const problems: string[] = [];
      for (const category of budgets.lighthouse) {
        const failing = failingAudits(lhr, category);
        if (failing.length > 0) problems.push(`${category}: ${failing.join('; ')}`);
      }
      for (const image of unsizedImages(lhr)) problems.push(`unsized-images: ${image} has no explicit width and height`);
      for (const request of renderBlockingRequests(lhr)) problems.push(`render-blocking: ${request} blocks the first render`);
      const shift = layoutShiftNotFromFonts(lhr);
      if (shift > budgets.layoutShift) problems.push(`layout shift ${shift.toFixed(3)} > ${budgets.layoutShift} (not counting late web fonts): see layout-shifts in the report`);
      result.problems.push(...problems.map((problem) => `lighthouse: ${problem}`));
      const scores = Object.fromEntries(CATEGORY_COLUMNS.map(([category]) => [category, categoryScore(lhr, category)])) as LighthouseFigures['scores'];
      result.lighthouse = { scores, metrics: metrics(lhr) };
      const figures = CATEGORY_COLUMNS.map(([category]) => String(scores[category] ?? '–').padStart(3)).join(' ');
      console.log(`  lighthouse ${page.label.padEnd(22)} ${figures}  ${problems.length === 0 ? 'pass' : 'FAIL'}  ${((Date.now() - pageStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    await chrome.kill();
  }
}

// ---- Report ----------------------------------------------------------------------------------

function score(result: PageResult, category: Category): string {
  return String(result.lighthouse?.scores[category] ?? '–');
}

/** A Lighthouse metric, or – where it was not measured (Performance is measured for the report only). */
function metric(result: PageResult, name: keyof LighthouseFigures['metrics'], digits = 0): string {
  const value = result.lighthouse?.metrics[name];
  return value === undefined || Number.isNaN(value) ? '–' : digits === 0 ? String(Math.round(value)) : value.toFixed(digits);
}

function printReport(results: PageResult[], contact: { label: string; status: number; problems: string[] }[]): void {
  const jsBudget = (page: QualityPage): number => (interactivePages.has(page.requestPath) ? budgets.bytes.jsInteractivePage : budgets.bytes.jsContentPage);
  console.log(`\nQuality figures (${new Date().toISOString().slice(0, 10)}; bytes are brotli transfer bytes; budgets in the last row)\n`);
  const rows: (PageResult | 'budget')[] = [...results, 'budget'];
  const when = (row: PageResult | 'budget', budget: string, value: (result: PageResult) => string): string => (row === 'budget' ? budget : value(row));
  console.log(
    formatTable(rows, [
      { header: 'Page', value: (row) => when(row, 'budget', (result) => result.page.label) },
      ...CATEGORY_COLUMNS.map(([category, header]) => ({
        header,
        align: 'right' as const,
        value: (row: PageResult | 'budget') => when(row, category === 'performance' ? 'report' : '100', (result) => score(result, category)),
      })),
      { header: 'LCP ms', align: 'right', value: (row) => when(row, '', (result) => metric(result, 'lcp')) },
      { header: 'TBT ms', align: 'right', value: (row) => when(row, '', (result) => metric(result, 'tbt')) },
      { header: 'CLS', align: 'right', value: (row) => when(row, `≤${budgets.layoutShift} w/o fonts`, (result) => metric(result, 'cls', 3)) },
      { header: 'HTML+CSS B', align: 'right', value: (row) => when(row, `≤${formatBytes(budgets.bytes.htmlAndCss)}`, (result) => formatBytes(result.weight.htmlAndCss)) },
      { header: 'JS B', align: 'right', value: (row) => when(row, `${budgets.bytes.jsContentPage} / ≤${formatBytes(budgets.bytes.jsInteractivePage)}`, (result) => `${formatBytes(result.weight.js)}${jsBudget(result.page) > 0 ? ` / ${formatBytes(jsBudget(result.page))}` : ''}`) },
      { header: 'Total B', align: 'right', value: (row) => when(row, `≤${formatBytes(budgets.bytes.total)}`, (result) => formatBytes(result.weight.total)) },
      { header: 'Requests', align: 'right', value: (row) => when(row, `≤${budgets.requests}`, (result) => String(result.weight.requests)) },
      { header: 'Observatory', align: 'right', value: (row) => when(row, `≥${budgets.observatory} (A+)`, (result) => (result.observatory ? `${result.observatory.score} ${result.observatory.grade}` : '–')) },
      { header: 'Checks', value: (row) => when(row, '', (result) => (result.problems.length === 0 ? 'pass' : `${result.problems.length} FAIL`)) },
    ]),
  );
  if (contact.length > 0) {
    console.log('\nContact function, bad requests (Cache-Control no-store, nosniff, CSP default-src \'none\' required):');
    for (const outcome of contact) console.log(`  ${outcome.problems.length === 0 ? 'pass' : 'FAIL'}  POST /api/contact, ${outcome.label}: ${outcome.status}`);
  }
}

// ---- Main ------------------------------------------------------------------------------------

function listPages(): QualityPage[] {
  try {
    return qualityPages().filter((page) => !onlyPages || onlyPages.includes(page.label));
  } catch (error) {
    // No build, or a build missing a page: say so in one line rather than a stack trace.
    console.error(`Quality gates: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

const pages = listPages();
if (pages.length === 0) throw new Error(`No page matches --pages=${onlyPages?.join(',')}`);
console.log(`Quality gates: ${pages.length} pages${skipLighthouse ? ' (Lighthouse skipped)' : ''}`);

const results = pages.map(staticChecks);

const server = await startNetlifyServer();
let contact: Awaited<ReturnType<typeof functionChecks>> = [];
try {
  await headerChecks(results, server.url);
  contact = await functionChecks(server.url);
  if (!skipLighthouse) await lighthouseChecks(results.filter((result) => LIGHTHOUSE_PAGES.includes(result.page.label)), server.url);
} finally {
  await server.close();
}

printReport(results, contact);
mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/quality.json', JSON.stringify({ date: new Date().toISOString(), budgets, results, contact }, null, 1));

const failures = [
  ...results.flatMap((result) => result.problems.map((problem) => `${result.page.label}  ${problem}`)),
  ...contact.flatMap((outcome) => outcome.problems.map((problem) => `POST /api/contact (${outcome.label})  ${problem}`)),
];
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failures.length > 0) {
  console.log(`\n${failures.length} quality problem${failures.length === 1 ? '' : 's'}:`);
  for (const failure of failures) console.log(`  ✗ ${failure}`);
  console.log(`\nQuality gates FAILED in ${seconds} s. Lighthouse reports: ${REPORTS}/ (open in https://googlechrome.github.io/lighthouse/viewer/)`);
  if (!reportOnly) process.exitCode = 1;
} else {
  console.log(`\nQuality gates passed in ${seconds} s.${skipLighthouse ? '' : ` Lighthouse reports: ${REPORTS}/`}`);
}
