import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { attr, byTag, allElements, inHead, isExecutableScript, parseHtml, textContent, tokens, type HtmlDocument } from './html.ts';
import { cssUrls, distFileFor, largestSrcsetCandidate } from './page-weight.ts';

/** Checks of one built page's HTML that need no browser. Each returns a list of problems; empty is a pass. */

const MODERN_RASTER = new Set(['.webp', '.avif']);

/**
 * Images come through astro:assets: width and height (no layout shift), alt (empty only for
 * decoration), a modern format for raster images, and lazy loading unless the image declares
 * itself above the fold with loading="eager" (or fetchpriority="high").
 */
export function imageProblems(document: HtmlDocument): string[] {
  const problems: string[] = [];
  for (const image of byTag(document, 'img')) {
    const src = attr(image, 'src') ?? '';
    const name = src.split('/').pop() || '(no src)';
    for (const dimension of ['width', 'height']) {
      if (!/^[1-9]\d*$/.test(attr(image, dimension) ?? '')) problems.push(`<img ${name}> has no ${dimension}`);
    }
    if (attr(image, 'alt') === undefined) problems.push(`<img ${name}> has no alt`);
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

/**
 * Nothing but the HTML stands between the request and the first paint: no stylesheet link, no
 * @import in the inline CSS, no script that blocks the parser.
 */
export function renderBlockingProblems(document: HtmlDocument): string[] {
  const problems: string[] = [];
  for (const link of byTag(document, 'link')) {
    const media = (attr(link, 'media') ?? 'all').trim().toLowerCase();
    if (tokens(link, 'rel').includes('stylesheet') && media !== 'print' && attr(link, 'disabled') === undefined) {
      problems.push(`<link rel="stylesheet" href="${attr(link, 'href')}"> blocks rendering (inline the CSS)`);
    }
  }
  for (const style of byTag(document, 'style')) {
    if (/@import\b/.test(textContent(style))) problems.push('an inline <style> uses @import, a render-blocking request');
  }
  for (const script of byTag(document, 'script')) {
    if (!isExecutableScript(script) || !attr(script, 'src')) continue;
    const deferred = attr(script, 'type') === 'module' || attr(script, 'async') !== undefined || attr(script, 'defer') !== undefined;
    if (!deferred && inHead(script)) problems.push(`<script src="${attr(script, 'src')}"> in <head> blocks rendering (use type="module", defer or async)`);
  }
  return problems;
}

/** The JSON-LD blocks of a page, parsed; a block that is not JSON is reported. */
export function structuredData(document: HtmlDocument): { items: Record<string, unknown>[]; problems: string[] } {
  const items: Record<string, unknown>[] = [];
  const problems: string[] = [];
  for (const script of byTag(document, 'script')) {
    if ((attr(script, 'type') ?? '').toLowerCase() !== 'application/ld+json') continue;
    try {
      const data: unknown = JSON.parse(textContent(script));
      const list = Array.isArray(data) ? data : [data];
      for (const item of list as Record<string, unknown>[]) {
        if (item['@context'] !== 'https://schema.org') problems.push(`a JSON-LD block has @context ${JSON.stringify(item['@context'])}, not "https://schema.org"`);
        items.push(...(Array.isArray(item['@graph']) ? (item['@graph'] as Record<string, unknown>[]) : [item]));
      }
    } catch (error) {
      problems.push(`a JSON-LD block is not valid JSON: ${error instanceof Error ? error.message : error}`);
    }
  }
  return { items, problems };
}

/** The top-level schema.org types of a page's structured data. */
export function structuredDataTypes(items: Record<string, unknown>[]): string[] {
  return items.flatMap((item) => (Array.isArray(item['@type']) ? (item['@type'] as string[]) : [String(item['@type'])]));
}

/** MedicalBusiness on every page, plus each page's own types (FAQPage on /faq/). */
export function structuredDataProblems(document: HtmlDocument, expectedTypes: readonly string[]): string[] {
  const { items, problems } = structuredData(document);
  const types = structuredDataTypes(items);
  for (const type of ['MedicalBusiness', ...expectedTypes]) {
    if (!types.includes(type)) problems.push(`no ${type} in the structured data (found: ${types.join(', ') || 'none'})`);
  }
  const business = items.find((item) => item['@type'] === 'MedicalBusiness');
  if (business) {
    for (const field of ['name', 'url', 'telephone', 'address']) {
      if (!business[field]) problems.push(`the MedicalBusiness has no ${field}`);
    }
  }
  const faq = items.find((item) => item['@type'] === 'FAQPage');
  if (faq) {
    const questions = Array.isArray(faq.mainEntity) ? (faq.mainEntity as Record<string, unknown>[]) : [];
    if (questions.length === 0) problems.push('the FAQPage has no questions');
    for (const question of questions) {
      const answer = question.acceptedAnswer as Record<string, unknown> | undefined;
      if (question['@type'] !== 'Question' || !question.name || answer?.['@type'] !== 'Answer' || !answer.text) {
        problems.push(`an FAQPage entry is not a Question with a name and an Answer with text: ${JSON.stringify(question).slice(0, 80)}`);
      }
    }
  }
  return problems;
}

/** Element ids of a built page, cached per file. */
const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    ids = new Set(allElements(parseHtml(readFileSync(file, 'utf8'))).map((element) => attr(element, 'id')).filter((id): id is string => Boolean(id)));
    idCache.set(file, ids);
  }
  return ids;
}

/**
 * Every internal link, anchor and asset of a page resolves in dist/: <a>, <link>, <img>, <source>,
 * <script>, <form action>, CSS url()s, and absolute links to the site's own address (canonical,
 * og:image) mapped onto the build.
 */
export function brokenLinkProblems(document: HtmlDocument, pagePath: string, options: { dist?: string; siteUrl: string }): string[] {
  const dist = options.dist ?? 'dist';
  const site = new URL(options.siteUrl);
  const base = new URL(pagePath, site);
  const references: string[] = [];
  for (const element of allElements(document)) {
    const tag = element.tagName;
    if (tag === 'a' || tag === 'link') references.push(attr(element, 'href') ?? '');
    if (tag === 'img' || tag === 'script' || tag === 'source') {
      references.push(attr(element, 'src') ?? '');
      for (const candidate of (attr(element, 'srcset') ?? '').split(',')) references.push(candidate.trim().split(/\s+/)[0] ?? '');
    }
    if (tag === 'form') references.push(attr(element, 'action') ?? '');
    if (tag === 'meta' && /^(og:image|og:url|twitter:image)$/.test(attr(element, 'property') ?? attr(element, 'name') ?? '')) references.push(attr(element, 'content') ?? '');
    if (tag === 'style') references.push(...cssUrls(textContent(element)));
  }
  const problems = new Set<string>();
  for (const reference of references.filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(reference, base);
    } catch {
      problems.add(`${reference} is not a valid URL`);
      continue;
    }
    if (url.origin !== site.origin) continue;
    // The contact function answers POSTs at its own path; it has no file in dist/.
    if (url.pathname.startsWith('/api/')) continue;
    const target = url.pathname === base.pathname ? distFileFor(base.pathname, dist) : distFileFor(url.pathname, dist);
    if (!target) {
      problems.add(`links to ${url.pathname}, which is not in the build`);
      continue;
    }
    if (url.hash.length > 1 && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) {
      problems.add(`links to ${url.pathname}${url.hash}, an anchor that does not exist`);
    }
  }
  return [...problems];
}
