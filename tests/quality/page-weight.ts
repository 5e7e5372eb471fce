import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { contentEntries } from '../support/content.ts';
import { attr, byTag, isExecutableScript, parseHtml, textContent, tokens, type HtmlDocument } from './html.ts';

/**
 * Custom because no maintained tool weighs a page as it will be sent: Lighthouse counts the bytes
 * the local server sent, and Netlify's local runtime does not compress. Weighing dist/ gives the
 * same figures on every machine, and needs no browser.
 *
 * What a built page makes a browser download, read from the HTML and CSS in dist/ (no browser:
 * fast and the same on every machine), and its weight in transfer bytes.
 *
 * Counted: the HTML; stylesheets; scripts, inline and external, with the modules they import;
 * preloads; images (<img>, <picture> sources: the largest srcset candidate); the icons a browser
 * fetches (rel="icon"); the web manifest; url()s in the CSS.
 * Fonts: each @font-face counts once with its first source (the woff2). Every page sets body text
 * (400) and headings (700) in the web font, so a browser fetches every face on every page; the
 * woff fallbacks are never fetched by a browser that reads woff2 and do not count.
 * Not counted: apple-touch-icon and the manifest's icons (fetched only when the site is saved to a
 * home screen), og:image (fetched by link previews, not visitors), links to other pages.
 * Owner photos (portraits from src/content/team/) are listed but left out of the total budget.
 */
export type ResourceKind = 'html' | 'css' | 'js' | 'font' | 'image' | 'icon' | 'manifest' | 'other';

export interface Resource {
  /** The URL path, e.g. "/_astro/font.woff2", or "inline <script>" for inline code. */
  url: string;
  kind: ResourceKind;
  /** Transfer bytes: brotli for text, as-is for fonts and images. */
  bytes: number;
  ownerPhoto: boolean;
}

export interface PageWeight {
  resources: Resource[];
  /** The HTML (with its inline styles) plus every linked stylesheet. */
  htmlAndCss: number;
  /** Scripts, inline and external. */
  js: number;
  /** Everything, owner photos excepted. */
  total: number;
  ownerPhotos: number;
  /** Distinct downloads, the HTML included. */
  requests: number;
  /** URLs the page points at that are not in the build, or that live on another site. */
  problems: string[];
}

const FONT_EXTENSIONS = new Set(['.woff2', '.woff', '.ttf', '.otf']);
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.avif', '.gif', '.svg', '.ico']);

function kindOf(path: string): ResourceKind {
  const extension = extname(path).toLowerCase();
  if (extension === '.css') return 'css';
  if (extension === '.js' || extension === '.mjs') return 'js';
  if (FONT_EXTENSIONS.has(extension)) return 'font';
  if (IMAGE_EXTENSIONS.has(extension)) return 'image';
  return 'other';
}

/**
 * Brotli at quality 11 (brotli's and Node's default): what a CDN serves for a file it compresses
 * once and caches. Netlify may pick a lower level on a cache miss, a few percent larger, so the
 * budgets keep headroom. Fonts and images are compressed already and travel as they are.
 */
export function transferSize(path: string, body: Uint8Array): number {
  if (!/\.(html|css|js|mjs|json|webmanifest|xml|txt|svg)$/i.test(path)) return body.byteLength;
  return brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
  }).byteLength;
}

/** The file stems of owner photos: `photo:` in the team entries, e.g. "jane-doe" for ./jane-doe.jpg. */
export function ownerPhotoStems(): string[] {
  return contentEntries<{ photo?: string }>('team').flatMap(({ data }) => (data?.photo ? [basename(data.photo, extname(data.photo))] : []));
}

/** astro:assets names its output "<source stem>.<hash>[_<params>].<ext>". */
function isOwnerPhoto(path: string, stems: readonly string[]): boolean {
  const name = basename(path);
  return stems.some((stem) => name.startsWith(`${stem}.`));
}

/** The largest candidate of a srcset ("a.webp 400w, b.webp 800w" → "b.webp"). */
export function largestSrcsetCandidate(srcset: string): string | undefined {
  const candidates = srcset
    .split(/,(?=\s*\S)/)
    .map((candidate) => candidate.trim().split(/\s+/))
    .map(([url, descriptor = '1x']) => ({ url, size: Number.parseFloat(descriptor) || 1 }))
    .filter((candidate): candidate is { url: string; size: number } => Boolean(candidate.url));
  return candidates.sort((a, b) => b.size - a.size)[0]?.url;
}

/** url()s in CSS, with @font-face rules reduced to their first source. */
export function cssUrls(css: string): string[] {
  const urls: string[] = [];
  const urlPattern = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
  const withoutFaces = css.replace(/@font-face\s*{[^}]*}/g, (rule) => {
    const first = [...rule.matchAll(urlPattern)][0];
    if (first?.[2]) urls.push(first[2]);
    return '';
  });
  for (const match of withoutFaces.matchAll(urlPattern)) if (match[2]) urls.push(match[2]);
  for (const match of css.matchAll(/@import\s+(['"])([^'"]+)\1/g)) if (match[2]) urls.push(match[2]);
  return urls.filter((url) => !url.startsWith('data:'));
}

/** Static and dynamic imports of a built JavaScript module. */
export function jsImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:\bimport\s*\(?|\bfrom)\s*(['"])([^'"]+)\1/g)) if (match[2]) found.add(match[2]);
  return [...found];
}

/** The URLs a parsed page loads, by kind, before CSS and module imports are followed. */
export function pageReferences(document: HtmlDocument): { url: string; kind: ResourceKind }[] {
  const references: { url: string; kind: ResourceKind }[] = [];
  for (const link of byTag(document, 'link')) {
    const rel = tokens(link, 'rel');
    const href = attr(link, 'href');
    if (!href) continue;
    if (rel.includes('stylesheet')) references.push({ url: href, kind: 'css' });
    else if (rel.includes('preload') || rel.includes('modulepreload')) {
      const as = attr(link, 'as');
      references.push({ url: href, kind: as === 'font' ? 'font' : as === 'style' ? 'css' : as === 'image' ? 'image' : rel.includes('modulepreload') || as === 'script' ? 'js' : kindOf(href) });
    } else if (rel.includes('icon')) references.push({ url: href, kind: 'icon' });
    else if (rel.includes('manifest')) references.push({ url: href, kind: 'manifest' });
  }
  for (const script of byTag(document, 'script')) {
    const src = attr(script, 'src');
    if (src && isExecutableScript(script)) references.push({ url: src, kind: 'js' });
  }
  for (const picture of byTag(document, 'picture')) {
    const firstSource = byTag(picture, 'source').find((source) => attr(source, 'srcset'));
    const url = firstSource && largestSrcsetCandidate(attr(firstSource, 'srcset') ?? '');
    if (url) references.push({ url, kind: 'image' });
  }
  for (const image of byTag(document, 'img')) {
    const parent = image.parentNode;
    if (parent && 'tagName' in parent && parent.tagName === 'picture' && byTag(parent, 'source').some((source) => attr(source, 'srcset'))) continue;
    const url = largestSrcsetCandidate(attr(image, 'srcset') ?? '') ?? attr(image, 'src');
    if (url) references.push({ url, kind: 'image' });
  }
  return references;
}

/** The dist/ file for a URL path, as the server resolves it. */
function distFileFor(pathname: string, dist: string): string | undefined {
  const decoded = decodeURIComponent(pathname);
  for (const candidate of [join(dist, decoded), join(dist, decoded, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Weighs one built page. `pagePath` is its URL path, to resolve relative URLs. */
export function measurePage(file: string, pagePath: string, options: { dist?: string; ownerPhotos?: readonly string[] } = {}): PageWeight {
  const dist = options.dist ?? 'dist';
  const stems = options.ownerPhotos ?? ownerPhotoStems();
  const html = readFileSync(file);
  const document = parseHtml(html.toString('utf8'));
  const base = new URL(pagePath, 'https://site.invalid');
  const resources: Resource[] = [{ url: pagePath, kind: 'html', bytes: transferSize(file, html), ownerPhoto: false }];
  const problems: string[] = [];
  const seen = new Set<string>([base.pathname]);

  const queue: { url: string; kind: ResourceKind; from: URL }[] = pageReferences(document).map((reference) => ({ ...reference, from: base }));
  for (const style of byTag(document, 'style')) {
    for (const url of cssUrls(textContent(style))) queue.push({ url, kind: kindOf(url), from: base });
  }

  for (const script of byTag(document, 'script')) {
    if (!attr(script, 'src') && isExecutableScript(script)) {
      const code = Buffer.from(textContent(script));
      resources.push({ url: 'inline <script>', kind: 'js', bytes: transferSize('inline.js', code), ownerPhoto: false });
      for (const specifier of jsImports(code.toString())) queue.push({ url: specifier, kind: 'js', from: base });
    }
  }

  while (queue.length > 0) {
    const { url, kind, from } = queue.shift()!;
    const resolved = new URL(url, from);
    if (resolved.origin !== base.origin) {
      problems.push(`loads ${url} from another site`);
      continue;
    }
    if (seen.has(resolved.pathname)) continue;
    seen.add(resolved.pathname);
    const path = distFileFor(resolved.pathname, dist);
    if (!path) {
      problems.push(`loads ${resolved.pathname}, which is not in the build`);
      continue;
    }
    const body = readFileSync(path);
    resources.push({ url: resolved.pathname, kind, bytes: transferSize(path, body), ownerPhoto: kind === 'image' && isOwnerPhoto(path, stems) });
    if (kind === 'css') for (const next of cssUrls(body.toString('utf8'))) queue.push({ url: next, kind: kindOf(next), from: resolved });
    if (kind === 'js') for (const next of jsImports(body.toString('utf8'))) queue.push({ url: next, kind: 'js', from: resolved });
  }

  const sum = (list: Resource[]): number => list.reduce((total, resource) => total + resource.bytes, 0);
  return {
    resources,
    htmlAndCss: sum(resources.filter((resource) => resource.kind === 'html' || resource.kind === 'css')),
    js: sum(resources.filter((resource) => resource.kind === 'js')),
    total: sum(resources.filter((resource) => !resource.ownerPhoto)),
    ownerPhotos: sum(resources.filter((resource) => resource.ownerPhoto)),
    requests: resources.filter((resource) => !resource.url.startsWith('inline')).length,
    problems,
  };
}
