import { readFileSync } from 'node:fs';

/** Paths of every page in the built sitemap, e.g. "/faq/". Requires a build (`npm run build`). */
export function sitemapPaths(): string[] {
  const xml = readFileSync('dist/sitemap-0.xml', 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? '').pathname);
  if (paths.length === 0) throw new Error('dist/sitemap-0.xml lists no pages: run `npm run build` first.');
  return paths;
}

/** Every page a visitor can land on: the sitemap plus pages kept out of it on purpose. */
export function allPagePaths(): string[] {
  return [...sitemapPaths(), '/404.html'];
}
