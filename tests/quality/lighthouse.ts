import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result } from 'lighthouse';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/chromium.ts';

/**
 * Lighthouse through its Node API with its defaults: mobile emulation and simulated throttling
 * (Lighthouse's own default and the most repeatable method). One headless Chrome serves every page,
 * one page at a time: audits in parallel would measure each other.
 *
 * Custom code only where Lighthouse cannot know the page: it judges every page as if it should be
 * indexed and answer 200, so byDesignFailures excuses exactly the failures a noindex page and the
 * 404 page must have, checking each fails for that reason and no other (Lighthouse CI's assertions
 * can only switch an audit off); and layoutShiftNotFromFonts keeps the one timing-dependent cause
 * of layout shift out of a pass/fail gate.
 */

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Chrome {
  port: number;
  kill: () => Promise<void>;
}

/** Headless Chromium for Lighthouse, on `port` (a free one by default). */
export async function launchChrome(port?: number): Promise<Chrome> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? chromiumPath(),
    // --headless=new: Lighthouse cannot connect to the old headless mode.
    chromeFlags: ['--headless=new', '--disable-dev-shm-usage', ...CHROMIUM_FLAGS],
    ...(port === undefined ? {} : { port }),
  });
  return { port: chrome.port, kill: async () => chrome.kill() };
}

/**
 * One audit of `url`, of `categories` (every one the gates read by default). A run that Lighthouse
 * itself reports as broken (a runtime error such as NO_NAVSTART, or no performance score: the trace
 * was lost) says nothing about the page and is repeated, up to three attempts.
 */
export async function runLighthouse(url: string, port: number, categories: readonly Category[] = CATEGORIES): Promise<Result> {
  let failure = '';
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...categories],
      // The 404 page answers 404 on purpose; without this Lighthouse refuses to audit it.
      ignoreStatusCode: true,
    });
    const lhr = result?.lhr;
    if (lhr && !lhr.runtimeError && typeof lhr.categories.performance?.score === 'number') return lhr;
    failure = lhr?.runtimeError ? `${lhr.runtimeError.code} ${lhr.runtimeError.message}` : 'no performance score';
  }
  throw new Error(`Lighthouse could not audit ${url}: ${failure}`);
}

/** Lighthouse's own score of a category, 0–100. */
export function categoryScore(lhr: Result, category: Category): number {
  return Math.round((lhr.categories[category]?.score ?? 0) * 100);
}

/**
 * Audits that fail on a page by design, and how to recognise that the failure is exactly the
 * intended one. Lighthouse judges every page as if it should be indexed and answer 200; a page kept
 * out of search on purpose, or the 404 page, fails those audits because it is right.
 */
export interface PageIntent {
  /** <meta name="robots" content="noindex">: is-crawlable fails, on that meta tag only. */
  noindex: boolean;
  /** The status the page answers with; a 404 page fails http-status-code and logs its own 404. */
  status: number;
}

interface AuditItem {
  /** A node (is-crawlable: the element that blocks indexing), or where a console message came from. */
  source?: string | { type?: string; snippet?: string };
  description?: string;
  sourceLocation?: { url?: string };
}

function items(lhr: Result, id: string): AuditItem[] {
  const details = lhr.audits[id]?.details as { items?: AuditItem[] } | undefined;
  return details?.items ?? [];
}

/**
 * For each audit expected to fail by design: undefined when it fails for exactly that reason (or
 * passes where it must fail: reported as a problem), else an explanation.
 */
export function byDesignFailures(lhr: Result, intent: PageIntent): { accepted: string[]; problems: string[] } {
  const accepted: string[] = [];
  const problems: string[] = [];
  const score = (id: string): number | null | undefined => lhr.audits[id]?.score;

  if (intent.noindex) {
    const crawlItems = items(lhr, 'is-crawlable');
    const onlyOurMeta = crawlItems.length > 0 && crawlItems.every((item) => typeof item.source === 'object' && /^<meta name="robots" content="noindex"/.test(item.source.snippet ?? ''));
    if (score('is-crawlable') === 1) problems.push('is-crawlable passes: this page is meant to be noindex');
    else if (onlyOurMeta) accepted.push('is-crawlable (noindex on purpose)');
    else problems.push(`is-crawlable fails for another reason: ${JSON.stringify(crawlItems).slice(0, 200)}`);
  }
  if (intent.status === 404) {
    const status = lhr.audits['http-status-code']?.displayValue;
    if (score('http-status-code') === 1) problems.push('http-status-code passes: the 404 page must answer 404');
    else if (String(status).includes('404')) accepted.push('http-status-code (answers 404 on purpose)');
    else problems.push(`http-status-code fails with ${status}, not 404`);
    // The browser logs "Failed to load resource: … 404" for the document itself; nothing else may appear.
    const consoleItems = items(lhr, 'errors-in-console');
    const onlyOwn404 = consoleItems.every((item) => item.source === 'network' && /status of 404/.test(item.description ?? '') && item.sourceLocation?.url === lhr.finalDisplayedUrl);
    if (score('errors-in-console') !== 1) {
      if (onlyOwn404) accepted.push("errors-in-console (the browser logs the document's own 404)");
      else problems.push(`errors-in-console: ${consoleItems.map((item) => item.description).join(' | ')}`);
    }
  }
  return { accepted, problems };
}

const ACCEPTED_AUDIT = (label: string): string => label.split(' ')[0] ?? label;

/** The audits that cost points in a category, but for those failing by design: none is a pass. */
export function failingAudits(lhr: Result, category: Category, acceptedAudits: readonly string[]): string[] {
  const ids = new Set(acceptedAudits.map(ACCEPTED_AUDIT));
  return (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && !ids.has(ref.id))
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1 && !['notApplicable', 'informative', 'manual'].includes(audit.scoreDisplayMode))
    .map((audit) => `${audit!.id} ${Math.round((audit!.score ?? 0) * 100)}${audit!.displayValue ? ` (${audit!.displayValue})` : ''}`);
}

/** The core metrics, for the report. */
export function metrics(lhr: Result): { fcp: number; lcp: number; tbt: number; cls: number; si: number } {
  const value = (id: string): number => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    si: value('speed-index'),
  };
}

/** An audit the gates read; missing (renamed in a new Lighthouse) fails loudly instead of passing. */
function audit(lhr: Result, id: string): Result['audits'][string] {
  const found = lhr.audits[id];
  if (!found) throw new Error(`Lighthouse ${lhr.lighthouseVersion} has no "${id}" audit: update tests/quality/lighthouse.ts`);
  return found;
}

/** Requests Lighthouse saw block the first render (its render-blocking insight). */
export function renderBlockingRequests(lhr: Result): string[] {
  audit(lhr, 'render-blocking-insight');
  return items(lhr, 'render-blocking-insight').map((item) => String((item as { url?: string }).url ?? JSON.stringify(item)));
}

/** Images without an explicit width and height (Lighthouse's unsized-images audit). */
export function unsizedImages(lhr: Result): string[] {
  if (audit(lhr, 'unsized-images').score === 1) return [];
  return items(lhr, 'unsized-images').map((item) => String((item as { url?: string }).url ?? JSON.stringify(item)));
}

/**
 * Layout shift, in CLS units, from every cause but a web font arriving after the first paint.
 * Whether that happens depends on how busy the machine is (the same build measured 0 and 0.108 on
 * /fees/), so it is reported with CLS and not gated. Lighthouse names each shift's causes.
 */
export function layoutShiftNotFromFonts(lhr: Result): number {
  audit(lhr, 'layout-shifts');
  const shifts = items(lhr, 'layout-shifts') as { score?: number; subItems?: { items?: { cause?: string }[] } }[];
  const fontsOnly = (causes: { cause?: string }[]): boolean => causes.length > 0 && causes.every((item) => item.cause === 'Web font loaded');
  return shifts.filter((shift) => !fontsOnly(shift.subItems?.items ?? [])).reduce((total, shift) => total + (shift.score ?? 0), 0);
}
