import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { sitemapPaths } from '../quality/site-pages.ts';

/**
 * Every WCAG 2.x level A and AA rule axe knows, its best practices for headings and landmarks, and
 * the AAA text contrast (7:1) the site holds itself to (tokens.css; tests/unit/styles/contrast.test.ts).
 */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

for (const path of [...sitemapPaths(), '/contact/thanks/', '/no-such-page/']) {
  test(`axe finds no WCAG A/AA violation, and no text under 7:1 contrast, on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page })
      .options({ runOnly: { type: 'tag', values: WCAG_TAGS }, rules: { 'color-contrast-enhanced': { enabled: true } } })
      .analyze();
    const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(summary).toEqual([]);
  });
}

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
