import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A built page the quality gates audit (the list is this site's: its sitemap, the thank-you page, the 404 page). */
export interface QualityPage {
  /** What the table shows, e.g. "/faq/" or "404". */
  label: string;
  /** The path requested from the server; for the 404 page, a path that does not exist. */
  requestPath: string;
  /** The built file, relative to the repository root. */
  file: string;
  /** The HTTP status the page must answer with. */
  status: 200 | 404;
  /** Kept out of search engines on purpose (<meta name="robots" content="noindex">). */
  noindex: boolean;
}

/**
 * One page of each template, for Lighthouse (about 12 s a page): the home page, a markdown page, a
 * location, the FAQ and the contact form. axe, the HTML validator, bytes and headers check every page.
 */
export const LIGHTHOUSE_PAGES = ['/', '/fees/', '/locations/studio/', '/faq/', '/contact/'];

/** A path no page will ever have, so the server answers with the 404 page and status 404. */
export const MISSING_PATH = '/quality-gate/no-such-page/';

/** Paths listed in the built sitemap, e.g. "/faq/". */
export function sitemapPaths(dist = 'dist'): string[] {
  const sitemap = join(dist, 'sitemap-0.xml');
  if (!existsSync(sitemap)) throw new Error(`${sitemap} is missing: run \`npm run build\` first.`);
  const paths = [...readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? '').pathname);
  if (paths.length === 0) throw new Error(`${sitemap} lists no pages.`);
  return paths;
}

function builtFile(path: string, dist: string): string {
  return join(dist, path.replace(/^\//, ''), 'index.html');
}

/**
 * Every page a visitor can land on: the sitemap, the contact form's thank-you page (kept out of the
 * sitemap on purpose) and the 404 page; a build without one of them fails.
 */
export function qualityPages(dist = 'dist'): QualityPage[] {
  const pages: QualityPage[] = sitemapPaths(dist).map((path) => ({
    label: path,
    requestPath: path,
    file: builtFile(path, dist),
    status: 200,
    noindex: false,
  }));
  pages.push({ label: '/contact/thanks/', requestPath: '/contact/thanks/', file: builtFile('/contact/thanks/', dist), status: 200, noindex: true });
  pages.push({ label: '404', requestPath: MISSING_PATH, file: join(dist, '404.html'), status: 404, noindex: true });
  for (const page of pages) {
    if (!existsSync(page.file)) throw new Error(`${page.label}: ${page.file} is missing from the build.`);
  }
  return pages;
}
