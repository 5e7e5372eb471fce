import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors.ts';
import { attr, byTag, parseHtml, textContent } from '../quality/html.ts';
import { sitemapPaths } from '../quality/site-pages.ts';

const pages = sitemapPaths();

test('the sitemap lists every page of the site', () => {
  expect(pages).toEqual(
    expect.arrayContaining([
      '/',
      '/music-therapy/',
      '/locations/',
      '/locations/in-home/',
      '/locations/school/',
      '/locations/virtual/',
      '/locations/studio/',
      '/faq/',
      '/about/',
      '/fees/',
      '/contact/',
      '/privacy/',
      '/accessibility/',
    ]),
  );
  expect(pages).not.toContain('/contact/thanks/');
});

for (const path of pages) {
  test(`${path} renders one h1, its own title and description, and no console errors`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('h1')).not.toBeEmpty();
    await expect(page).toHaveTitle(/Pure Progression Music Therapy/);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(canonical ?? '').pathname).toBe(path);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/og-default\.png$/);
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
    await expect(page.locator('main#main')).toHaveCount(1);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });
}

test('every page has a unique title and description', async ({ request }) => {
  const titles = new Map<string, string>();
  const descriptions = new Map<string, string>();
  for (const path of pages) {
    const document = parseHtml(await (await request.get(path)).text());
    const title = textContent(byTag(document, 'title')[0]!);
    const description = attr(byTag(document, 'meta').find((meta) => attr(meta, 'name') === 'description')!, 'content') ?? '';
    expect(description.length, `${path} description`).toBeGreaterThan(49);
    expect(titles.get(title), `${path} repeats the title of ${titles.get(title)}`).toBeUndefined();
    expect(descriptions.get(description), `${path} repeats the description of ${descriptions.get(description)}`).toBeUndefined();
    titles.set(title, path);
    descriptions.set(description, path);
  }
});

test('an unknown address answers 404 with a helpful page', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  expect(errors.filter((error) => !error.includes('404'))).toEqual([]);
});
