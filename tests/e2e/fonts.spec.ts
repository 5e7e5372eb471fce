import { expect, test, type Page } from '@playwright/test';

/**
 * When a page asks for the web font (scripts/font-timing.ts): a visitor's first page only once
 * it has painted; at once a page opened from the site (the font is cached), one that opens at a
 * place in it (a link to a question, a reload), and one without JavaScript. Every way ends with the
 * text in Atkinson Hyperlegible Next.
 */

const WEB_FONT = 'Atkinson Hyperlegible Next';

/**
 * The body's font list when the page's first contentful paint is reported. This observer is made
 * before the page's own (an init script), so it hears of the paint first, before the page's script
 * lets the web font in.
 */
async function fontAtFirstPaint(page: Page): Promise<string | undefined> {
  const read = () => page.evaluate(() => (window as unknown as { fontAtFirstPaint?: string }).fontAtFirstPaint);
  await expect.poll(read).toBeDefined();
  return read();
}

async function webFontShown(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate((family) => {
        const faces = [...document.fonts].filter((face) => face.family.replace(/"/g, '') === family);
        return faces.length > 0 && faces.every((face) => face.status === 'loaded') && getComputedStyle(document.body).fontFamily.startsWith(`"${family}"`);
      }, WEB_FONT),
    )
    .toBe(true);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length) (window as unknown as { fontAtFirstPaint: string }).fontAtFirstPaint = getComputedStyle(document.body).fontFamily;
    }).observe({ type: 'paint', buffered: true });
  });
});

test('a first page paints in the matched fallback, asks for the web font after that paint, then shows it', async ({ page }) => {
  await page.goto('/faq/');
  expect(await fontAtFirstPaint(page)).toMatch(/^"Atkinson Hyperlegible Next Fallback: Arial"/);
  await webFontShown(page);
  const { firstPaint, fontRequests } = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    fontRequests: performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.woff2')).map((entry) => entry.startTime),
  }));
  expect(fontRequests.length).toBeGreaterThan(0);
  for (const requested of fontRequests) expect(requested).toBeGreaterThan(firstPaint);
  expect(await page.evaluate(() => document.documentElement.classList.contains('fonts-after-paint'))).toBe(false);
});

test('a page opened from another page of the site paints in the web font from the first', async ({ page }) => {
  await page.goto('/');
  await webFontShown(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'FAQ' }).click();
  await expect(page).toHaveURL(/\/faq\/$/);
  expect(await fontAtFirstPaint(page)).toMatch(/^"Atkinson Hyperlegible Next"/);
  await webFontShown(page);
});

test('a page opened at one of its questions paints in the web font from the first, so the question stays in view', async ({ page }) => {
  await page.goto('/faq/#how-to-get-started');
  expect(await fontAtFirstPaint(page)).toMatch(/^"Atkinson Hyperlegible Next"/);
  await webFontShown(page);
  await expect(page.locator('h2#how-to-get-started')).toBeInViewport();
});

test('a reloaded page paints in the web font from the first, so the place it was scrolled to stays in view', async ({ page }) => {
  await page.goto('/faq/');
  await webFontShown(page);
  const question = page.locator('h2#how-to-get-started');
  await question.evaluate((element) => element.scrollIntoView());
  await page.reload();
  expect(await fontAtFirstPaint(page)).toMatch(/^"Atkinson Hyperlegible Next"/);
  await webFontShown(page);
  await expect(question).toBeInViewport();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page asks for the web font at once', async ({ page }) => {
    const fonts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'font') fonts.push(new URL(request.url()).pathname);
    });
    await page.goto('/faq/');
    await page.waitForLoadState('networkidle');
    expect(fonts.length).toBeGreaterThanOrEqual(1);
    expect(fonts.every((path) => /atkinson-hyperlegible-next-latin-(400|700)-normal\.[\w-]+\.woff2$/.test(path))).toBe(true);
  });
});
