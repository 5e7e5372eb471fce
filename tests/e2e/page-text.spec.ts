import { expect, test } from '@playwright/test';
import { contentEntries } from '../support/content.ts';

interface PageText {
  title: string;
  description: string;
  lead?: string;
}

/** Each file in src/content/pages feeds the page of the same name; home.md feeds the home page. */
const pageFiles = contentEntries<PageText>('pages');

for (const { id, file, data: text } of pageFiles) {
  const path = id === 'home' ? '/' : `/${id}/`;

  test(`${path} shows the title, description and lead written in ${file}`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', text.description);
    // The home page's heading is the tagline from settings.json; every other page's is its title.
    if (id !== 'home') await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
    const lead = page.locator('main .lead').first();
    if (text.lead) await expect(lead).toHaveText(text.lead);
    else await expect(page.locator('main h1 + .lead')).toHaveCount(0);
  });
}
