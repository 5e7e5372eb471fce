import { extname } from 'node:path';
import { attr, byTag, type HtmlDocument } from './html.ts';
import { largestSrcsetCandidate } from './page-weight.ts';

const MODERN_RASTER = new Set(['.webp', '.avif']);

/**
 * Images come through astro:assets, in a modern format for raster images, and load lazily unless
 * the image declares itself above the fold with loading="eager" (or fetchpriority="high").
 * Custom because these are this site's rules, which no maintained tool states: Lighthouse flags a
 * JPEG or an eager image only when the bytes it would save pass its thresholds, which vary by page.
 * (Lighthouse checks alt text and image sizes; html-validate the markup; the browser tests links,
 * anchors and structured data.) Returns a list of problems; empty is a pass.
 */
export function imageProblems(document: HtmlDocument): string[] {
  const problems: string[] = [];
  for (const image of byTag(document, 'img')) {
    const src = attr(image, 'src') ?? '';
    const name = src.split('/').pop() || '(no src)';
    const candidates = [src, ...(attr(image, 'srcset') ?? '').split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')].filter(Boolean);
    const picture = image.parentNode && 'tagName' in image.parentNode && image.parentNode.tagName === 'picture' ? image.parentNode : undefined;
    const sources = picture ? byTag(picture, 'source').map((source) => largestSrcsetCandidate(attr(source, 'srcset') ?? '') ?? '') : [];
    for (const url of [...sources, ...(picture && sources.length > 0 ? [] : candidates)]) {
      const extension = extname(url.split(/[?#]/)[0] ?? '').toLowerCase();
      if (extension === '.svg' || url.startsWith('data:image/svg')) continue;
      if (!MODERN_RASTER.has(extension)) problems.push(`<img ${name}> serves ${url}, not WebP or AVIF`);
      if (!url.startsWith('/_astro/')) problems.push(`<img ${name}> serves ${url} from outside astro:assets (/_astro/)`);
    }
    const eager = attr(image, 'loading') === 'eager' || attr(image, 'fetchpriority') === 'high';
    if (!eager && attr(image, 'loading') !== 'lazy') problems.push(`<img ${name}> is not loading="lazy" (mark an above-the-fold image loading="eager")`);
  }
  return problems;
}
