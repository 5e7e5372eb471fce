import { expect, test } from '@playwright/test';
import { sitemapPaths } from '../quality/site-pages.ts';

test('every internal link, anchor and asset (every srcset candidate too) on every page resolves', async ({ page, request }) => {
  const checked = new Map<string, number>();
  const problems: string[] = [];

  for (const path of [...sitemapPaths(), '/contact/thanks/', '/no-such-page/']) {
    await page.goto(path);
    const targets = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((element) => (element as HTMLAnchorElement).href),
      ...[...document.querySelectorAll('link[href]')].map((element) => (element as HTMLLinkElement).href),
      ...[...document.querySelectorAll('img[src], script[src], source[src]')].map((element) => (element as HTMLImageElement).src),
      ...[...document.querySelectorAll('[srcset]')].flatMap((element) =>
        (element.getAttribute('srcset') ?? '').split(',').map((candidate) => new URL(candidate.trim().split(/\s+/)[0] ?? '', document.baseURI).href),
      ),
    ]);
    for (const target of targets) {
      const url = new URL(target);
      if (url.origin !== new URL(page.url()).origin) continue;
      const key = url.pathname;
      const samePage = key === new URL(page.url()).pathname;
      if (!samePage && !checked.has(key)) checked.set(key, (await request.get(key, { maxRedirects: 0 })).status());
      if (!samePage && checked.get(key) !== 200) problems.push(`${path} links to ${key} (${checked.get(key)})`);
      if (url.hash.length > 1) {
        if (key !== new URL(page.url()).pathname) await page.goto(key);
        const exists = await page.locator(`[id="${decodeURIComponent(url.hash.slice(1))}"]`).count();
        if (exists === 0) problems.push(`${path} links to a missing anchor ${key}${url.hash}`);
        if (key !== path) await page.goto(path);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(checked.size).toBeGreaterThan(15);
});

test('every page links to the canonical, slash-terminated form of internal pages', async ({ page }) => {
  for (const path of sitemapPaths()) {
    await page.goto(path);
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      // A link may choose an answer on the form (/contact/?setting=school): the path is what counts.
      const pathname = href.split(/[?#]/)[0] ?? '';
      if (pathname === '' || /\.[a-z]+$/.test(pathname)) continue;
      expect(pathname, `${path} links to ${href}`).toMatch(/\/$/);
    }
  }
});
