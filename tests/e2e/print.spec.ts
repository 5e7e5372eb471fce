import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { getSiteSettings } from '../../src/lib/site-settings.ts';

/**
 * Printed pages are clean handouts (a school team printing the school page and the FAQ): no menu or
 * buttons, no background colours, the footer reduced to the contact facts and the site's address,
 * and the address of every link to another site after its words. Rendered as print media, and as
 * a PDF to prove the browser prints them.
 */

const settings = await getSiteSettings();

/** What the printed page shows of an element: its display, its colours, and what its ::after adds. */
function printed(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((element) => {
    const style = getComputedStyle(element);
    return { display: style.display, background: style.backgroundColor, color: style.color, after: getComputedStyle(element, '::after').content };
  });
}

const TRANSPARENT = 'rgba(0, 0, 0, 0)';
const BLACK = 'rgb(0, 0, 0)';

for (const path of ['/locations/school/', '/faq/']) {
  test(`${path} prints as a clean handout`, async ({ page }) => {
    await page.goto(path);
    await page.emulateMedia({ media: 'print' });

    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeHidden();
    await expect(page.locator('section.cta')).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    // No background colours; text in the printer's black.
    for (const selector of ['body', '.site-header', '.site-footer', 'main h1', 'main a']) {
      expect(await printed(page, selector), selector).toMatchObject({ background: TRANSPARENT, color: BLACK });
    }

    // The footer: the contact facts and where to find the site again, nothing else.
    const footer = page.getByRole('contentinfo');
    await expect(footer.getByRole('heading', { name: 'Contact' })).toBeVisible();
    await expect(footer.locator('a[href^="tel:"]')).toBeVisible();
    await expect(footer.locator('a[href^="mailto:"]')).toBeVisible();
    await expect(footer.locator('address')).toContainText(settings.studioAddress.city);
    await expect(footer.getByText(new URL(settings.siteUrl).host, { exact: true })).toBeVisible();
    await expect(footer.getByRole('heading', { name: 'More' })).toBeHidden();
    await expect(footer.getByRole('link', { name: settings.questionBox.requestLabel })).toBeHidden();
    await expect(footer.getByRole('link', { name: /Open in a map/ })).toBeHidden();

    // Links within the site print no path (the footer gives the site's address once).
    expect((await printed(page, 'main a[href^="/"]')).after).toBe('none');
  });
}

test('the browser prints a page', async ({ page }) => {
  await page.goto('/locations/school/');
  const pdf = await page.pdf({ format: 'Letter' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
});

test('a link to another site prints its address after its words; on screen it does not', async ({ page }) => {
  await page.goto('/fees/');
  const external = 'main a[href^="https://"]';
  expect((await printed(page, external)).after).toBe('none');
  await page.emulateMedia({ media: 'print' });
  const href = await page.locator(external).first().getAttribute('href');
  expect((await printed(page, external)).after).toBe(`" (${href})"`);
});

test('on screen, the site address in the footer is for paper only', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('contentinfo').getByText(new URL(settings.siteUrl).host, { exact: true })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
