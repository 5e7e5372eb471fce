/**
 * Page weight as the quality gates measure it (tests/quality/page-weight.ts: brotli transfer bytes
 * read from dist/, fonts and images as they are), per page, beside the median mobile page of the
 * HTTP Archive's Web Almanac 2025.
 */
import { measurePage, ownerPhotoStems } from '../tests/quality/page-weight.ts';
import { qualityPages } from '../tests/quality/site-pages.ts';

/** Web Almanac 2025, Page Weight chapter: the median mobile home page, in kilobytes (1 KB = 1,024 bytes). */
export const ALMANAC_2025_MEDIAN_MOBILE = { totalKB: 2559, jsKB: 632 } as const;

export interface PageWeightRow {
  readonly page: string;
  readonly htmlAndCss: number;
  readonly js: number;
  readonly total: number;
  readonly requests: number;
}

export function pageWeights(): PageWeightRow[] {
  const ownerPhotos = ownerPhotoStems();
  return qualityPages().map((page) => {
    const weight = measurePage(page.file, page.status === 404 ? '/404.html' : page.requestPath, { ownerPhotos });
    return { page: page.label, htmlAndCss: weight.htmlAndCss, js: weight.js, total: weight.total, requests: weight.requests };
  });
}

if (import.meta.main) console.table(pageWeights());
