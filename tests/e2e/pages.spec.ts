import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors.ts';
import { attr, byTag, parseHtml, textContent } from '../quality/html.ts';
import { sitemapPaths } from '../quality/site-pages.ts';

const pages = sitemapPaths();

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
