import { expect, test } from '@playwright/test';
import { getSiteSettings } from '../../src/lib/site-settings.ts';
import { contentEntries } from '../support/content.ts';

const settings = await getSiteSettings();

test('the menu, the footer and the question box show the words in settings.json', async ({ page }) => {
  await page.goto('/fees/');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(settings.menu.map((item) => item.label));
  const footer = page.getByRole('contentinfo');
  const { moreLinks, notice } = settings.footer;
  await expect(footer.getByRole('heading', { level: 2 })).toHaveText(['Contact', 'Hours', 'More']);
  for (const { label, link } of moreLinks) await expect(footer.getByRole('link', { name: label, exact: true })).toHaveAttribute('href', link);
  await expect(footer).toContainText(notice);
  const box = page.locator('section.cta');
  await expect(box.getByRole('heading', { level: 2 })).toHaveText(settings.questionBox.heading);
  await expect(box).toContainText(settings.questionBox.text);
  await expect(box.getByRole('link')).toHaveText([settings.questionBox.requestLabel, `${settings.questionBox.callLabel} ${settings.phone}`]);
});

test('a page may set its own question for the box, and {phone} in its text becomes a call link', async ({ page }) => {
  await page.goto('/faq/');
  const question = contentEntries<{ question?: string }>('pages').find(({ id }) => id === 'faq')?.data.question;
  await expect(page.locator('section.cta h2')).toHaveText(question ?? settings.questionBox.heading);
  await page.goto('/contact/thanks/');
  await expect(page.locator('main .prose a[href^="tel:"]')).toHaveText(settings.phone);
  await expect(page.locator('main')).not.toContainText('{phone}');
});
