import { expect, test } from '@playwright/test';
import { sitemapPaths } from '../quality/site-pages.ts';

/** Pages that may load a script: only the contact form enhances itself. */
const PAGES_WITH_SCRIPT = new Set(['/contact/']);

for (const path of sitemapPaths().filter((path) => !PAGES_WITH_SCRIPT.has(path))) {
  test(`${path} loads no JavaScript, and runs only the font timing`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const executable = await page
      .locator('script')
      .evaluateAll((elements) => elements.filter((element) => element.getAttribute('type') !== 'application/ld+json').map((element) => ({ src: element.getAttribute('src'), code: element.textContent ?? '' })));
    expect(scripts).toEqual([]);
    // The one inline script on every page (components/FontTiming.astro): a few statements, no download.
    expect(executable).toHaveLength(1);
    expect(executable[0]!.src).toBeNull();
    expect(executable[0]!.code).toContain("classList.add('fonts-after-paint')");
  });
}
