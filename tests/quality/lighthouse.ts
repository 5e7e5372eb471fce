import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result } from 'lighthouse';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/chromium.ts';

/**
 * Lighthouse through its Node API with its defaults: mobile emulation and simulated throttling
 * (Lighthouse's own default and the most repeatable method). One headless Chrome serves every page,
 * one page at a time: Lighthouse cannot run twice at once in one process, and audits in parallel
 * would measure each other.
 *
 * Custom code only where a gate needs it: layoutShiftNotFromFonts keeps the one timing-dependent
 * cause of layout shift out of a pass/fail gate.
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
    chromePath: process.env.CHROME_PATH ?? chromiumPath('lighthouse'),
    // --headless=new: Lighthouse cannot connect to the old headless mode.
    chromeFlags: ['--headless=new', '--disable-dev-shm-usage', ...CHROMIUM_FLAGS],
    ...(port === undefined ? {} : { port }),
  });
  return { port: chrome.port, kill: async () => chrome.kill() };
}

/** What the gates read: every audit of three categories, and three of Performance's (the score itself is only reported). */
const GATED_CATEGORIES: Category[] = ['accessibility', 'best-practices', 'seo'];
const GATED_PERFORMANCE_AUDITS = ['unsized-images', 'render-blocking-insight', 'layout-shifts'];

/**
 * One audit of `url`: everything the gates read, or with `performance` every category, with the
 * Performance score and metrics (the report). A run that Lighthouse itself reports as broken (a
 * runtime error such as NO_NAVSTART, or an audit that could not read the trace) says nothing about
 * the page and is repeated, up to three attempts.
 */
export async function runLighthouse(url: string, port: number, { performance = false } = {}): Promise<Result> {
  const selection = performance
    ? { onlyCategories: [...CATEGORIES] }
    : { onlyCategories: GATED_CATEGORIES, onlyAudits: GATED_PERFORMANCE_AUDITS, disableFullPageScreenshot: true };
  let failure = '';
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', ...selection });
    const lhr = result?.lhr;
    const broken = lhr && [...GATED_PERFORMANCE_AUDITS, ...(performance ? ['largest-contentful-paint'] : [])].filter((id) => lhr.audits[id]?.scoreDisplayMode === 'error');
    if (lhr && !lhr.runtimeError && broken?.length === 0) return lhr;
    failure = lhr?.runtimeError ? `${lhr.runtimeError.code} ${lhr.runtimeError.message}` : `${broken?.join(', ') || 'no result'}: ${broken?.map((id) => lhr?.audits[id]?.errorMessage).join('; ')}`;
  }
  throw new Error(`Lighthouse could not audit ${url}: ${failure}`);
}

/** Lighthouse's own score of a category, 0–100; undefined for a category not audited. */
export function categoryScore(lhr: Result, category: Category): number | undefined {
  const score = lhr.categories[category]?.score;
  return typeof score === 'number' ? Math.round(score * 100) : undefined;
}

/** The items of an audit's details table. */
function items(lhr: Result, id: string): Record<string, unknown>[] {
  const details = lhr.audits[id]?.details as { items?: Record<string, unknown>[] } | undefined;
  return details?.items ?? [];
}

/** The audits that cost points in a category: none is a pass. */
export function failingAudits(lhr: Result, category: Category): string[] {
  return (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
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
  return items(lhr, 'render-blocking-insight').map((item) => String(item.url ?? JSON.stringify(item)));
}

/** Images without an explicit width and height (Lighthouse's unsized-images audit). */
export function unsizedImages(lhr: Result): string[] {
  if (audit(lhr, 'unsized-images').score === 1) return [];
  return items(lhr, 'unsized-images').map((item) => String(item.url ?? JSON.stringify(item)));
}

/**
 * Layout shift, in CLS units, from every cause but a web font arriving after the first paint.
 * Whether that happens depends on how busy the machine is (the same build measured 0 and 0.108 on
 * /fees/), so it is reported with CLS and not gated. Lighthouse names each shift's causes.
 */
export function layoutShiftNotFromFonts(lhr: Result): number {
  audit(lhr, 'layout-shifts');
  const shifts = items(lhr, 'layout-shifts') as unknown as { score?: number; subItems?: { items?: { cause?: string }[] } }[];
  const fontsOnly = (causes: { cause?: string }[]): boolean => causes.length > 0 && causes.every((item) => item.cause === 'Web font loaded');
  return shifts.filter((shift) => !fontsOnly(shift.subItems?.items ?? [])).reduce((total, shift) => total + (shift.score ?? 0), 0);
}
