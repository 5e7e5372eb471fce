import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const ids = readdirSync('src/content/faq').map((file) => file.replace(/\.mdx?$/, ''));

test('the FAQ lists every published question, each with a working link from the list', async ({ page }) => {
  await page.goto('/faq/');
  const list = page.getByRole('navigation', { name: 'Questions on this page' }).getByRole('link');
  await expect(list).toHaveCount(ids.length);
  await list.nth(3).click();
  const target = await page.evaluate(() => location.hash.slice(1));
  const heading = page.locator(`h2#${target}`);
  await expect(heading).toBeInViewport();
  expect(await heading.evaluate((element) => element.matches(':target'))).toBe(true);
});

for (const id of ids) {
  test(`the FAQ question "${id}" can be linked to directly`, async ({ page }) => {
    await page.goto(`/faq/#${id}`);
    const heading = page.locator(`h2[id="${id}"]`);
    await expect(heading).toHaveCount(1);
    await expect(heading).toHaveText(/\?$/);
    await expect(heading).toBeInViewport();
  });
}

test('the FAQ page carries FAQPage structured data with every question and answer', async ({ page }) => {
  await page.goto('/faq/');
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const faq = blocks.map((text) => JSON.parse(text)).find((data) => data['@type'] === 'FAQPage');
  expect(faq.mainEntity).toHaveLength(ids.length);
  for (const item of faq.mainEntity) {
    expect(item['@type']).toBe('Question');
    expect(item.name).toMatch(/\?$/);
    expect(item.acceptedAnswer.text.length).toBeGreaterThan(40);
    expect(item.acceptedAnswer.text).not.toMatch(/\]\(|\*\*/);
  }
});
