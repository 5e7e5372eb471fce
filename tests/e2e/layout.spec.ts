import { expect, test } from '@playwright/test';

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
