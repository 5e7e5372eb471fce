import { expect, test } from '@playwright/test';
import { sitemapPaths } from '../quality/site-pages.ts';

/** Pages that may load a script: only the contact form enhances itself. */
const PAGES_WITH_SCRIPT = new Set(['/contact/']);

for (const path of sitemapPaths().filter((path) => !PAGES_WITH_SCRIPT.has(path))) {
  test(`${path} loads and runs no JavaScript`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    // By the load event the page has asked for every script it names; the check below finds the others.
    await page.goto(path);
    const executable = await page.locator('script').evaluateAll((elements) => {
      return elements.filter((element) => element.getAttribute('type') !== 'application/ld+json').map((element) => element.outerHTML);
    });
    expect(scripts).toEqual([]);
    expect(executable).toEqual([]);
  });
}

test('without JavaScript the contact form keeps its own limits: the message says and enforces its maxlength', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/contact/');
  const message = page.getByLabel('How can we help?');
  await expect(message).toHaveAttribute('maxlength', '2000');
  await expect(message).toHaveAccessibleDescription(/You can enter up to 2,000 characters\./);
  await expect(page.getByLabel('Phone number (optional)')).toHaveAttribute('pattern', /\S/);
  await context.close();
});
