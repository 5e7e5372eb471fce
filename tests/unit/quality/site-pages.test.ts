import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { MISSING_PATH, qualityPages } from '../../quality/site-pages.ts';

function fixture(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'quality-pages-'));
  for (const path of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), path.endsWith('sitemap-0.xml') ? '<urlset><url><loc>https://www.example.com/</loc></url><url><loc>https://www.example.com/faq/</loc></url></urlset>' : '');
  }
  return root;
}

test('the sitemap, the thank-you page once its source exists, and the 404 page', () => {
  const root = fixture(['dist/sitemap-0.xml', 'dist/index.html', 'dist/faq/index.html', 'dist/contact/thanks/index.html', 'dist/404.html', 'src/pages/contact/thanks.astro']);
  const pages = qualityPages(join(root, 'dist'), join(root, 'src/pages'));
  expect(pages.map((page) => [page.label, page.requestPath, page.status, page.noindex])).toEqual([
    ['/', '/', 200, false],
    ['/faq/', '/faq/', 200, false],
    ['/contact/thanks/', '/contact/thanks/', 200, true],
    ['404', MISSING_PATH, 404, true],
  ]);
});

test('a thank-you page with a source but missing from the build fails', () => {
  const root = fixture(['dist/sitemap-0.xml', 'dist/index.html', 'dist/faq/index.html', 'dist/404.html', 'src/pages/contact/thanks.astro']);
  expect(() => qualityPages(join(root, 'dist'), join(root, 'src/pages'))).toThrow('/contact/thanks/: ');
});

test('a sitemap page missing from the build fails', () => {
  const root = fixture(['dist/sitemap-0.xml', 'dist/index.html', 'dist/404.html']);
  expect(() => qualityPages(join(root, 'dist'), join(root, 'src/pages'))).toThrow('/faq/: ');
});
