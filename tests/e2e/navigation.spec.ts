import { expect, test } from '@playwright/test';
import { getSiteSettings } from '../../src/lib/site-settings.ts';

const settings = await getSiteSettings();

test('the skip link is the first stop for the keyboard and moves focus to the main content', async ({ page }) => {
  await page.goto('/faq/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // The next Tab lands inside <main>, not back in the header.
  await page.keyboard.press('Tab');
  const focusedInMain = await page.evaluate(() => document.activeElement?.closest('main') !== null);
  expect(focusedInMain).toBe(true);
});

test('every phone link is tap-to-call in international form', async ({ page }) => {
  await page.goto('/');
  const phoneLinks = page.locator('a[href^="tel:"]');
  expect(await phoneLinks.count()).toBeGreaterThanOrEqual(2);
  for (const href of await phoneLinks.evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
    expect(href).toMatch(/^tel:\+1\d{10}$/);
  }
  await expect(page.getByRole('link', { name: /^Call \(\d{3}\) \d{3}-\d{4}$/ }).first()).toBeVisible();
});

test('the footer gives phone, email, address, hours and credentials', async ({ page }) => {
  await page.goto('/fees/');
  const footer = page.getByRole('contentinfo');
  await expect(footer.locator('a[href^="tel:"]')).toHaveCount(1);
  await expect(footer.locator('a[href^="mailto:"]')).toHaveCount(1);
  await expect(footer.locator('address')).toContainText('Lehi, UT');
  await expect(footer.getByRole('heading', { name: 'Hours' })).toBeVisible();
  await expect(footer).toContainText(/MT-BC/);
  await expect(footer).toContainText(/DOPL/);
});

test('the accessibility statement is linked from every page\'s footer, and says how to ask for another format', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility', exact: true }).click();
  await expect(page).toHaveURL(/\/accessibility\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessibility of this website');
  const main = page.locator('main');
  await expect(main).toContainText('WCAG) 2.2 at level AA');
  for (const topic of ['How we check it', 'Known limits', 'Ask for another format, or tell us about a barrier']) {
    await expect(page.getByRole('heading', { level: 2, name: topic })).toBeVisible();
  }
  // {phone} and {email} in the owner's text, as links.
  await expect(main.locator('.prose a[href^="tel:"]')).toHaveCount(1);
  await expect(main.locator('.prose a[href^="mailto:"]')).toHaveCount(1);
  await expect(main).not.toContainText('{');
});

test('at 320 px the footer keeps MT-BC on one line', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  const credential = page.getByRole('contentinfo').getByText('MT-BC', { exact: true });
  expect(await credential.evaluate((element) => element.getClientRects().length)).toBe(1);
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the phone number shows once on the first screen of the home page', async ({ page }) => {
    await page.goto('/');
    const shown = await page.getByText(settings.phone).evaluateAll((elements) => elements.filter((element) => element.checkVisibility() && element.getBoundingClientRect().top < innerHeight).length);
    expect(shown).toBe(1);
  });

  test('the menu opens from the keyboard, without a script, and every link in it is reached by Tab', async ({ browser }) => {
    const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.goto('/fees/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();
    const stops = ['Skip to main content', settings.practiceName, `Call ${settings.phone}`, 'Menu'];
    for (const name of stops) {
      await page.keyboard.press('Tab');
      await expect(page.locator(':focus')).toHaveAccessibleName(name);
    }
    await page.keyboard.press('Enter');
    await expect(nav).toBeVisible();
    for (const { label } of settings.menu) {
      await page.keyboard.press('Tab');
      await expect(nav.getByRole('link', { name: label, exact: true })).toBeFocused();
    }
    await page.close();
  });
});

test('on a wide screen every menu link is in view and reached by Tab, with no menu button', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/fees/');
  await expect(page.getByText('Menu', { exact: true })).toBeHidden();
  await page.getByRole('banner').getByRole('link', { name: `Call ${settings.phone}` }).focus();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const { label } of settings.menu) {
    await page.keyboard.press('Tab');
    const link = nav.getByRole('link', { name: label, exact: true });
    await expect(link).toBeFocused();
    await expect(link).toBeInViewport();
  }
});

test('keyboard focus is always visible', async ({ page }) => {
  await page.goto('/');
  for (let step = 0; step < 12; step += 1) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }
});
