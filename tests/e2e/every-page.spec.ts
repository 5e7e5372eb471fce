/**
 * What every page a visitor can land on promises, checked on one visit each: its structure and
 * its own text, the menu's current link, no script, no axe violation, no motion, and a layout that
 * fits a phone. One visit rather than one per check, because loading a page is most of a check.
 */
import { expect, test } from '@playwright/test';
import { getSiteSettings } from '../../src/lib/site-settings.ts';
import { contentEntries } from '../support/content.ts';
import { sitemapPaths } from '../quality/site-pages.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { collectConsoleErrors } from './support/console-errors.ts';

const settings = await getSiteSettings();
const MISSING = '/no-such-page/';
const SITEMAP = sitemapPaths();

/** The menu item each page belongs to; none for a page the menu does not list. */
function sectionOf(path: string): string | undefined {
  const sections: Record<string, string> = { '/': 'Home', '/music-therapy/': 'Music therapy', '/faq/': 'FAQ', '/about/': 'About', '/fees/': 'Fees' };
  if (path.startsWith('/locations/')) return 'Locations';
  if (path.startsWith('/contact/')) return 'Contact';
  return sections[path];
}

interface PageText {
  title?: string;
  heading?: string;
  description?: string;
  lead?: string;
  settingsHeading?: string;
  settingsLead?: string;
}

/** Each file in src/content/pages feeds the page at its own path (contact/thanks.md is /contact/thanks/); home.md the home page, 404.md every missing one. */
const textOf = new Map(contentEntries<PageText>('pages').map(({ id, file, data }) => [id === 'home' ? '/' : id === '404' ? MISSING : `/${id}/`, { file, data }]));
/** The owner's {phone}, {email} and {replyTime}, as pages show them. */
const filled = (text: string) => text.replaceAll('{phone}', settings.phone).replaceAll('{email}', settings.email).replaceAll('{replyTime}', settings.replyTime);

/** Only the contact form enhances itself with a script. */
const PAGES_WITH_SCRIPT = new Set(['/contact/']);

test('the sitemap lists every page of the site', () => {
  expect(SITEMAP).toEqual(
    expect.arrayContaining(['/', '/music-therapy/', '/locations/', '/locations/in-home/', '/locations/school/', '/locations/virtual/', '/locations/studio/', '/faq/', '/about/', '/fees/', '/contact/', '/privacy/', '/accessibility/']),
  );
  expect(SITEMAP).not.toContain('/contact/thanks/');
  for (const path of textOf.keys()) expect([...SITEMAP, '/contact/thanks/', MISSING], 'a page file without its page').toContain(path);
});

for (const path of [...SITEMAP, '/contact/thanks/', MISSING]) {
  test(`${path}: its structure and text, the current menu link, no script, no axe violation, no motion, and it fits a phone`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    const response = await page.goto(path);

    await test.step('one h1, its own title, the skip link and one main', async () => {
      expect(response?.status()).toBe(path === MISSING ? 404 : 200);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('h1')).not.toBeEmpty();
      await expect(page).toHaveTitle(/Pure Progression Music Therapy/);
      await expect(page.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
      await expect(page.locator('main#main')).toHaveCount(1);
      if (SITEMAP.includes(path)) {
        const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
        expect(new URL(canonical ?? '').pathname).toBe(path);
        await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/og-default\.png$/);
      }
    });

    const text = textOf.get(path);
    if (text) {
      await test.step(`the heading, description and lead written in ${text.file}`, async () => {
        const { data } = text;
        // The home page's heading and description are the tagline and description in settings.json.
        await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', data.description ?? settings.description);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(data.heading ?? data.title ?? settings.tagline);
        if (data.lead) await expect(page.locator('main .lead').first()).toHaveText(filled(data.lead));
        else await expect(page.locator('main h1 + .lead')).toHaveCount(0);
        if (data.settingsHeading) await expect(page.getByRole('heading', { level: 2, name: data.settingsHeading })).toBeVisible();
        if (data.settingsLead) await expect(page.getByText(data.settingsLead)).toBeVisible();
      });
    }

    await test.step(`the menu marks ${sectionOf(path) ?? 'no section'} as current`, async () => {
      const marked = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current]');
      const section = sectionOf(path);
      if (section) await expect(marked).toHaveText([section]);
      else await expect(marked).toHaveCount(0);
    });

    if (!PAGES_WITH_SCRIPT.has(path)) {
      await test.step('it loads and runs no JavaScript', async () => {
        // By the load event the page has asked for every script it names; the check below finds the others.
        const executable = await page.locator('script').evaluateAll((elements) => elements.filter((element) => element.getAttribute('type') !== 'application/ld+json').map((element) => element.outerHTML));
        expect(scripts).toEqual([]);
        expect(executable).toEqual([]);
      });
    }

    await test.step('axe finds no WCAG A/AA violation, and no text under 7:1 contrast', async () => {
      await expectNoAxeViolations(page);
    });

    await test.step('nothing moves, with or without reduced motion', async () => {
      // Both preferences on one load: the media query changes in place, and each Tab moves the focus styles.
      for (const reducedMotion of ['no-preference', 'reduce'] as const) {
        await page.emulateMedia({ reducedMotion });
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.getAnimations().length), reducedMotion).toBe(0);
      }
    });

    await test.step('on a 390 px phone the header is one short line, with the call button in it', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      const header = page.getByRole('banner');
      expect((await header.boundingBox())!.height).toBeLessThanOrEqual(120);
      await expect(header.getByRole('link', { name: `Call ${settings.phone}` })).toBeInViewport();
    });

    await test.step('at 320 px wide (a small phone, or 1280 px zoomed to 400 %) it reflows with no horizontal scrolling', async () => {
      await page.setViewportSize({ width: 320, height: 640 });
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    });

    // The missing page's own 404 is the one error its console may show.
    expect(errors.filter((error) => !(path === MISSING && /status of 404/.test(error)))).toEqual([]);
  });
}
