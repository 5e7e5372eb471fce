import type { Result } from 'lighthouse';
import { describe, expect, test } from 'vitest';
import { byDesignFailures, failingAudits, layoutShiftNotFromFonts } from '../../quality/lighthouse.ts';

type Audit = { score: number | null; scoreDisplayMode?: string; displayValue?: string; items?: unknown[] };

/** A minimal Lighthouse report: the SEO category of four audits, weighted as Lighthouse 13 weighs them. */
function report(audits: Record<string, Audit>, url = 'http://localhost:4322/quality-gate/no-such-page/'): Result {
  const weights: Record<string, number> = { 'is-crawlable': 4.04, 'http-status-code': 1, 'document-title': 1, canonical: 1, 'errors-in-console': 1 };
  const full = Object.fromEntries(
    Object.entries(audits).map(([id, audit]) => [
      id,
      { id, title: id, score: audit.score, scoreDisplayMode: audit.scoreDisplayMode ?? 'binary', displayValue: audit.displayValue, details: { type: 'table', items: audit.items ?? [] } },
    ]),
  );
  const refs = (ids: string[]) => ids.map((id) => ({ id, weight: weights[id] ?? 1 }));
  const mean = (ids: string[]): number => {
    const scored = refs(ids).filter((ref) => full[ref.id]?.scoreDisplayMode !== 'notApplicable');
    return scored.reduce((sum, ref) => sum + ref.weight * (full[ref.id]?.score ?? 0), 0) / scored.reduce((sum, ref) => sum + ref.weight, 0);
  };
  const seo = ['is-crawlable', 'http-status-code', 'document-title', 'canonical'];
  const bestPractices = ['errors-in-console'];
  return {
    finalDisplayedUrl: url,
    audits: full,
    categories: {
      seo: { id: 'seo', title: 'SEO', score: mean(seo), auditRefs: refs(seo) },
      'best-practices': { id: 'best-practices', title: 'Best Practices', score: mean(bestPractices), auditRefs: refs(bestPractices) },
    },
  } as unknown as Result;
}

/** As Lighthouse 13 reports them. */
const noindexMeta = { source: { type: 'node', selector: 'head > meta', snippet: '<meta name="robots" content="noindex" />' } };
const own404 = (url: string) => ({ source: 'network', description: 'Failed to load resource: the server responded with a status of 404 (Not Found)', sourceLocation: { url } });

describe('the 404 page', () => {
  const url = 'http://localhost:4322/quality-gate/no-such-page/';
  const lhr = report({
    'is-crawlable': { score: 0, items: [noindexMeta] },
    'http-status-code': { score: 0, displayValue: '404' },
    'document-title': { score: 1 },
    canonical: { score: null, scoreDisplayMode: 'notApplicable' },
    'errors-in-console': { score: 0, items: [own404(url)] },
  });

  test('fails noindex, its 404 status and its own 404 log by design, and nothing else', () => {
    const { accepted, problems } = byDesignFailures(lhr, { noindex: true, status: 404 });
    expect(problems).toEqual([]);
    expect(accepted).toEqual(['is-crawlable (noindex on purpose)', 'http-status-code (answers 404 on purpose)', "errors-in-console (the browser logs the document's own 404)"]);
    expect(failingAudits(lhr, 'seo', accepted)).toEqual([]);
    expect(failingAudits(lhr, 'best-practices', accepted)).toEqual([]);
  });

  test('another console error is not excused', () => {
    const noisy = report({ 'errors-in-console': { score: 0, items: [own404(url), { source: 'javascript', description: 'TypeError: x is undefined' }] }, 'http-status-code': { score: 0, displayValue: '404' } });
    expect(byDesignFailures(noisy, { noindex: false, status: 404 }).problems).toEqual(['errors-in-console: Failed to load resource: the server responded with a status of 404 (Not Found) | TypeError: x is undefined']);
  });

  test('a 404 page that answers 200 is a problem', () => {
    expect(byDesignFailures(report({ 'http-status-code': { score: 1 }, 'errors-in-console': { score: 1 } }), { noindex: false, status: 404 }).problems).toEqual([
      'http-status-code passes: the 404 page must answer 404',
    ]);
  });
});

describe('a noindex page', () => {
  test('is not excused when robots.txt (not our meta tag) blocks it', () => {
    const blocked = report({ 'is-crawlable': { score: 0, items: [{ source: { type: 'source-location', url: 'http://localhost/robots.txt' } }] } });
    expect(byDesignFailures(blocked, { noindex: true, status: 200 }).problems).toEqual([expect.stringMatching(/^is-crawlable fails for another reason/)]);
  });

  test('that is crawlable after all is a problem', () => {
    expect(byDesignFailures(report({ 'is-crawlable': { score: 1 } }), { noindex: true, status: 200 }).problems).toEqual(['is-crawlable passes: this page is meant to be noindex']);
  });
});

test('an indexable page gets no excuses: its failing audits are listed', () => {
  const lhr = report({ 'is-crawlable': { score: 0, items: [noindexMeta] }, 'http-status-code': { score: 1 }, 'document-title': { score: 0 }, canonical: { score: 1 } });
  const { accepted } = byDesignFailures(lhr, { noindex: false, status: 200 });
  expect(accepted).toEqual([]);
  expect(failingAudits(lhr, 'seo', accepted)).toEqual(['is-crawlable 0', 'document-title 0']);
});

describe('layout shift not from fonts', () => {
  const font = { cause: 'Web font loaded' };
  const shifts = (...items: { score: number; causes?: { cause: string }[] }[]): Result =>
    ({ lighthouseVersion: '13', audits: { 'layout-shifts': { details: { items: items.map(({ score, causes }) => ({ score, subItems: causes && { items: causes } })) } } } }) as unknown as Result;

  test.each([
    ['no shift', shifts(), 0],
    ['a late web font only', shifts({ score: 0.108, causes: [font, font] }), 0],
    ['an unsized image, with or without a font', shifts({ score: 0.05, causes: [{ cause: 'Media element lacking an explicit size' }] }, { score: 0.02, causes: [font, { cause: 'Injected iframe' }] }), 0.07],
    ['a shift Lighthouse cannot explain', shifts({ score: 0.03 }), 0.03],
  ])('%s', (_label, lhr, expected) => {
    expect(layoutShiftNotFromFonts(lhr)).toBeCloseTo(expected);
  });

  test('a Lighthouse without the audit fails the gate rather than passing it', () => {
    expect(() => layoutShiftNotFromFonts({ lighthouseVersion: '99', audits: {} } as unknown as Result)).toThrow('has no "layout-shifts" audit');
  });
});
