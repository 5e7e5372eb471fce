import { expect, test } from '@playwright/test';
import { contentEntries } from '../support/content.ts';

const ids = contentEntries<{ draft?: boolean }>('faq').filter((entry) => !entry.data.draft).map((entry) => entry.id);

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

test('every question can be linked to directly', async ({ page }) => {
  for (const id of ids) {
    await page.goto(`/faq/#${id}`);
    const heading = page.locator(`h2[id="${id}"]`);
    await expect(heading).toHaveCount(1);
    await expect(heading).toHaveText(/\?$/);
    await expect(heading).toBeInViewport();
  }
});

test('a link from elsewhere lands on its question at once, without an animated scroll', async ({ page }) => {
  // Every scroll position the page passes through; a smooth scroll leaves a trail of them.
  await page.addInitScript(() => {
    const positions: number[] = [];
    Object.assign(window, { scrollPositions: positions });
    addEventListener('scroll', () => positions.push(Math.round(scrollY)));
  });
  const last = ids.at(-1); // every question starts below the list of questions, so the page must scroll
  await page.goto(`/faq/#${last}`);
  await expect(page.locator(`h2[id="${last}"]`)).toBeInViewport();
  await page.waitForTimeout(500);
  const positions = await page.evaluate(() => (window as unknown as { scrollPositions: number[] }).scrollPositions);
  const final = await page.evaluate(() => Math.round(scrollY));
  expect(final).toBeGreaterThan(0);
  expect(positions.filter((position) => position !== final)).toEqual([]);
});

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
