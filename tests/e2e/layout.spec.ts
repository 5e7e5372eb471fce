import { expect, test } from '@playwright/test';
import { sitemapPaths } from '../quality/site-pages.ts';

test.describe('at 320 px wide (a small phone, or 1280 px zoomed to 400%)', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const path of sitemapPaths()) {
    test(`${path} reflows with no horizontal scrolling`, async ({ page }) => {
      await page.goto(path);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    });
  }
});

test('nothing moves: no page runs an animation or a transition, with or without reduced motion', async ({ page }) => {
  for (const path of sitemapPaths()) {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.goto(path);
    // Both preferences on one load: the media query changes in place, and each Tab moves the focus styles.
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      await page.emulateMedia({ reducedMotion });
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.getAnimations().length), `${path} (${reducedMotion})`).toBe(0);
    }
  }
});

test('body text is at least 18 px', async ({ page }) => {
  await page.goto('/music-therapy/');
  const size = await page.locator('main p').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(size).toBeGreaterThanOrEqual(18);
});

test('the form\'s button is bold, as the links drawn as buttons are', async ({ page }) => {
  const weight = async (path: string, selector: string) => {
    await page.goto(path);
    return page.locator(selector).first().evaluate((element) => getComputedStyle(element).fontWeight);
  };
  expect(await weight('/', 'main a.button')).toBe('700');
  expect(await weight('/contact/', 'main button[type="submit"]')).toBe('700');
});

test('the About page has no empty team section while no profile is published', async ({ page }) => {
  await page.goto('/about/');
  await expect(page.locator('#team-heading')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
