import { expect, test } from '@playwright/test';
import { getSiteSettings } from '../../src/lib/site-settings.ts';
import { contentEntries } from '../support/content.ts';

interface PageText {
  title?: string;
  heading?: string;
  description?: string;
  lead?: string;
  settingsHeading?: string;
  settingsLead?: string;
}

const settings = await getSiteSettings();
/** The owner's {phone}, {email} and {replyTime}, as pages show them. */
const filled = (text: string) => text.replaceAll('{phone}', settings.phone).replaceAll('{email}', settings.email).replaceAll('{replyTime}', settings.replyTime);

/** Each file in src/content/pages feeds the page at its own path (contact/thanks.md is /contact/thanks/); home.md feeds the home page. */
for (const { id, file, data: text } of contentEntries<PageText>('pages')) {
  const path = id === 'home' ? '/' : `/${id}/`;

  test(`${path} shows the heading, description and lead written in ${file}`, async ({ page }) => {
    await page.goto(path);
    // The home page's heading and description are the tagline and description in settings.json.
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', text.description ?? settings.description);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.heading ?? text.title ?? settings.tagline);
    const lead = page.locator('main .lead').first();
    if (text.lead) await expect(lead).toHaveText(filled(text.lead));
    else await expect(page.locator('main h1 + .lead')).toHaveCount(0);
    if (text.settingsHeading) await expect(page.getByRole('heading', { level: 2, name: text.settingsHeading })).toBeVisible();
    if (text.settingsLead) await expect(page.getByText(text.settingsLead)).toBeVisible();
  });
}

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
