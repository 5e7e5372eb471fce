import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Every WCAG 2.x level A and AA rule axe knows, its best practices for headings and landmarks, and
 * the AAA text contrast (7:1) the site holds itself to (tokens.css; tests/unit/styles/contrast.test.ts).
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

/** axe finds nothing on the page as it is now, listed by rule and element when it does. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).options({ runOnly: { type: 'tag', values: WCAG_TAGS }, rules: { 'color-contrast-enhanced': { enabled: true } } }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}
