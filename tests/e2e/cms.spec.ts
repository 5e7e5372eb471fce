/**
 * The content manager at /admin/, as built and served with netlify.toml's headers, in Chromium with
 * every request that leaves this machine blocked. It runs against Decap's in-memory test backend
 * seeded with the real files of src/content/ (tests/support/cms.ts); cms-local.spec.ts edits real
 * files through Decap's local backend.
 */
import { expect, test, type Page } from '@playwright/test';
import { parseFrontmatter } from 'astro/markdown';
import { readCmsConfig } from '../../src/integrations/cms-config.ts';
import { sitemapPaths } from '../quality/site-pages.ts';
import { cspViolations, openAdmin, useTestBackend, writtenFile } from '../support/cms.ts';

const cms = readCmsConfig();
const outside: string[] = [];
const pageErrors: string[] = [];

test.beforeEach(async ({ context, page }) => {
  await useTestBackend(context, outside);
  // Decap refuses to save an entry with a mistake by rejecting a promise with no reason, which the
  // page reports as an error "undefined"; any other error counts.
  page.on('pageerror', (error) => error.message !== 'undefined' && pageErrors.push(error.message));
});

test.afterEach(async ({ page }) => {
  expect(await cspViolations(page), 'blocked by the Content-Security-Policy of /admin/').toEqual([]);
  expect(outside, 'requests that left this machine').toEqual([]);
  expect(pageErrors, 'errors in the page').toEqual([]);
});

/** Saves the entry open in the editor as a draft, marks it ready and publishes it (the editorial workflow). */
async function saveAndPublish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Status: Draft' })).toBeVisible();
  await page.getByRole('button', { name: 'Status: Draft' }).click();
  await page.getByRole('menuitem', { name: 'Ready' }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await expect(page.getByRole('button', { name: 'Published', exact: true })).toBeVisible();
}

test('it loads offline, lists every collection, and opens an entry of each', async ({ page }) => {
  await openAdmin(page);
  // The page around the CMS: in English, named, out of search engines.
  await expect(page).toHaveTitle('Content manager · Pure Progression Music Therapy');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');

  const sidebar = page.getByRole('complementary');
  await expect(sidebar.getByRole('link')).toHaveText(cms.collections.map((collection) => collection.label));
  for (const collection of cms.collections) {
    await sidebar.getByRole('link', { name: collection.label, exact: true }).click();
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name: collection.label })).toBeVisible();
    const cards = page.getByRole('main').locator(`a[href^="#/collections/${collection.name}/entries/"]`);
    if (collection.files) await expect(cards).toHaveCount(collection.files.length);
    else await expect(cards.first()).toBeVisible();
    await cards.first().click();
    // The entry's first text field shows the file's value.
    const fields = collection.files?.[0]?.fields ?? collection.fields ?? [];
    const first = fields[0]?.widget === 'object' ? fields[0].fields?.[0] : fields[0];
    await expect(page.getByRole('textbox', { name: first?.label, exact: true })).not.toHaveValue('');
    await page.getByRole('link', { name: `Writing in ${collection.label} collection` }).click();
  }
});

test('a missing required field and a broken pattern are reported by name, and nothing is saved', async ({ page }) => {
  const file = 'src/content/faq/insurance-coverage.md';
  await openAdmin(page, '#/collections/faq/entries/insurance-coverage');
  const before = await writtenFile(page, file);
  const question = page.getByRole('textbox', { name: 'Question' });
  await question.clear();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: "Oops, you've missed a required field." })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Question is required.' })).toBeVisible();

  await question.fill('Does insurance cover music therapy');
  await expect(question).toHaveValue('Does insurance cover music therapy');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Write the whole question in words, 8 to 150 characters, ending with a question mark.')).toBeVisible();
  expect(await writtenFile(page, file)).toBe(before);
  expect(await page.evaluate(() => Object.keys((window as unknown as { repoFilesUnpublished: object }).repoFilesUnpublished))).toEqual([]);

  // A new team member: the photo and its description are required.
  await openAdmin(page, '#/collections/team/new');
  await page.getByRole('textbox', { name: 'Full name' }).fill('Jane Doe');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Photo is required.' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Photo description is required.' })).toBeVisible();
});

test('a change is saved as a draft, then published into the file, the rest of it unchanged', async ({ page }) => {
  const file = 'src/content/faq/insurance-coverage.md';
  await openAdmin(page, '#/collections/faq/entries/insurance-coverage');
  const question = page.getByRole('textbox', { name: 'Question' });
  await question.clear();
  await question.fill('Will my insurance pay for music therapy?');
  await expect(question).toHaveValue('Will my insurance pay for music therapy?');
  await saveAndPublish(page);
  const text = (await writtenFile(page, file)) ?? '';
  const { frontmatter, content } = parseFrontmatter(text);
  expect(frontmatter).toEqual({ question: 'Will my insurance pay for music therapy?', order: 6 });
  expect(content).toContain('Every invoice we send lists the qualifying CPT codes');
});

test('/admin/ gets its own headers from netlify.toml, the visitor pages keep theirs, and the sitemap leaves it out', async ({ request }) => {
  const adminCsp = [
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://api.netlify.com",
    "font-src 'self'",
    "connect-src 'self' blob: https://api.github.com https://api.netlify.com https://www.githubstatus.com",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  const site = (await request.get('/')).headers();
  for (const path of ['/admin/', '/admin/config.yml', '/admin/decap/decap-cms.js']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toBe(adminCsp);
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin-allow-popups');
    expect(headers['x-robots-tag'], path).toBe('noindex, nofollow');
    // Everything else as on every page.
    for (const name of ['strict-transport-security', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-resource-policy', 'x-frame-options']) {
      expect(headers[name], `${path} ${name}`).toBe(site[name]);
    }
  }
  expect(site['cross-origin-opener-policy']).toBe('same-origin');
  expect(site['content-security-policy']).toBe("frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
  expect(site['x-robots-tag']).toBeUndefined();
  // Not a visitor page: out of the sitemap, so out of the page-weight and Lighthouse gates too.
  expect(sitemapPaths().filter((path) => path.startsWith('/admin'))).toEqual([]);
});
