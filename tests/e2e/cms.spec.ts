/**
 * The content manager at /admin/, as built and served with netlify.toml's headers, in Chromium with
 * every request that leaves this machine blocked. It runs against Decap's in-memory test backend
 * seeded with the real files of src/content/ (tests/support/cms.ts), loaded once and shared by the
 * tests below, which run in order; cms-local.spec.ts edits real files through `npm start`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { parseFrontmatter } from 'astro/markdown';
import { readCmsConfig } from '../../src/integrations/cms-config.ts';
import { checklist } from '../../src/integrations/example-values.ts';
import { sitemapPaths } from '../quality/site-pages.ts';
import { cspViolations, goInAdmin, openAdmin, readWrittenTree, useTestBackend, writtenFile } from '../support/cms.ts';

const cms = readCmsConfig();

test.describe('on the test backend', () => {
  // Each test moves through several views of a CMS that a busy machine renders slowly.
  test.describe.configure({ mode: 'serial', timeout: 240_000 });
  let context: BrowserContext;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    context = await browser.newContext();
    await useTestBackend(context, outside);
    page = await context.newPage();
    // Decap refuses to save an entry with a mistake by rejecting a promise with no reason, which the
    // page reports as an error "undefined"; any other error counts.
    page.on('pageerror', (error) => error.message !== 'undefined' && pageErrors.push(error.message));
    // Leaving an entry with unsaved changes asks first, as does deleting a photo.
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      return dialog.accept();
    });
    await openAdmin(page);
  });

  test.afterEach(async () => {
    expect(await cspViolations(page), 'blocked by the Content-Security-Policy of /admin/').toEqual([]);
    expect(outside, 'requests that left this machine').toEqual([]);
    expect(pageErrors, 'errors in the page').toEqual([]);
  });

  test.afterAll(() => context?.close());

  /** Saves the entry open in the editor as a draft, marks it ready and publishes it (the editorial workflow). */
  async function saveAndPublish(): Promise<void> {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Status: Draft' })).toBeVisible();
    await page.getByRole('button', { name: 'Status: Draft' }).click();
    await page.getByRole('menuitem', { name: 'Ready' }).click();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Publish now' }).click();
    await expect(page.getByRole('button', { name: 'Published', exact: true })).toBeVisible();
  }

  /** What the build would say of the files as the CMS left them: the mistakes it refuses (in production, also example values). */
  const buildRefuses = (production = false): Promise<string[]> => readWrittenTree(page, (root) => checklist(production, root).refused);

  test('it loads offline, lists every collection, and opens an entry of each', async () => {
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
    // Hidden entries are marked as hidden in their lists.
    await sidebar.getByRole('link', { name: 'Team', exact: true }).click();
    await expect(page.getByRole('main').locator('a[href^="#/collections/team/entries/example-therapist"]')).toContainText('Hidden · ');
  });

  test('a missing required field and a broken pattern are reported by name, and nothing is saved', async () => {
    const file = 'src/content/faq/insurance-coverage.md';
    const question = page.getByRole('textbox', { name: 'Question' });
    const notAQuestion = page.getByText('Write the whole question in words, 8 to 150 characters, ending with a question mark.');
    await goInAdmin(page, '#/collections/faq/entries/insurance-coverage', question);
    await expect(question).not.toHaveValue('');
    const before = await writtenFile(page, file);
    await question.clear();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: "Oops, you've missed a required field." })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Question is required.' })).toBeVisible();

    await question.fill('Does insurance cover music therapy');
    await expect(question).toHaveValue('Does insurance cover music therapy');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(notAQuestion).toBeVisible();
    expect(await writtenFile(page, file)).toBe(before);

    // Too long for a file name, and no words to make one of: refused with the same plain message.
    for (const wrong of [`${'Why '.repeat(40)}?`, '🎵🎵🎵🎵🎵🎵🎵🎵?']) {
      await goInAdmin(page, '#/collections/faq/new', question);
      await question.fill(wrong);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(notAQuestion).toBeVisible();
    }
    expect(await page.evaluate(() => Object.keys((window as unknown as { repoFilesUnpublished: object }).repoFilesUnpublished))).toEqual([]);

    // A new team member: the photo and its description are required.
    await goInAdmin(page, '#/collections/team/new', page.getByRole('textbox', { name: 'Full name' }));
    await page.getByRole('textbox', { name: 'Full name' }).fill('Jane Doe');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Photo is required.' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Photo description is required.' })).toBeVisible();
  });

  test('a change is saved as a draft, then published into the file, the rest of it unchanged', async () => {
    const file = 'src/content/faq/insurance-coverage.md';
    const question = page.getByRole('textbox', { name: 'Question' });
    await goInAdmin(page, '#/collections/faq/entries/insurance-coverage', question);
    await expect(question).not.toHaveValue('');
    await question.clear();
    await question.fill('Will my insurance pay for music therapy?');
    await expect(question).toHaveValue('Will my insurance pay for music therapy?');
    await saveAndPublish();
    const text = (await writtenFile(page, file)) ?? '';
    const { frontmatter, content } = parseFrontmatter(text);
    expect(frontmatter).toEqual({ question: 'Will my insurance pay for music therapy?', order: 6 });
    expect(content).toContain('Every invoice we send lists the qualifying CPT codes');
  });

  test('a photo deleted while in use is named by the build; two profiles\' photos of one name both stay; showing the example profile is refused in production, naming the switch', async () => {
    const profile = 'src/content/team/example-therapist/index.md';
    const choose = page.getByRole('button', { name: 'Choose different image' });
    await goInAdmin(page, '#/collections/team/entries/example-therapist/index', choose);
    await choose.click();
    await page.getByText('example-therapist.jpg', { exact: true }).click();
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await expect(page.getByText('example-therapist.jpg', { exact: true })).toHaveCount(0);
    expect(await buildRefuses()).toEqual([`${profile}: Photo: the photo example-therapist.jpg is not there any more (deleted or renamed): choose a photo again.`]);

    // A phone names every upload image.jpg: each profile keeps its own, in its own folder.
    const upload = async () => {
      await page.locator('input[type=file]').setInputFiles({ name: 'image.jpg', mimeType: 'image/png', buffer: readFileSync('public/icon-512.png') });
      await page.getByRole('button', { name: 'Choose selected' }).click();
    };
    await upload();
    const draft = page.getByRole('switch', { name: 'Hidden from the site (draft)' });
    await draft.click();
    await saveAndPublish();
    expect(parseFrontmatter((await writtenFile(page, profile)) ?? '').frontmatter).toMatchObject({ photo: 'image.jpg', draft: false });

    await goInAdmin(page, '#/collections/team/new', page.getByRole('textbox', { name: 'Full name' }));
    await page.getByRole('textbox', { name: 'Full name' }).fill('Jane Doe');
    await page.getByRole('textbox', { name: 'Role' }).fill('Music therapist');
    await page.getByRole('button', { name: 'Choose an image' }).click();
    await upload();
    await page.getByRole('textbox', { name: 'Photo description' }).fill('Jane smiling, holding a guitar');
    await page.locator('[data-slate-editor="true"]').fill('Jane trained in Utah.');
    await saveAndPublish();
    expect(parseFrontmatter((await writtenFile(page, 'src/content/team/jane-doe/index.md')) ?? '').frontmatter).toMatchObject({ photo: 'image.jpg' });
    expect(dialogs.filter((message) => /exists/i.test(message))).toEqual([]);
    const photos = await readWrittenTree(page, (root) => ['example-therapist', 'jane-doe'].filter((folder) => existsSync(join(root, 'src/content/team', folder, 'image.jpg'))));
    expect(photos).toHaveLength(2);

    // The example profile shown: only a production deploy refuses it, and it names the switch as the form shows it.
    const refused = await buildRefuses(true);
    expect(refused.filter((line) => line.startsWith('Team →'))).toEqual(Array(5).fill(expect.stringMatching(/^Team → “Your Name” → .*: still the example.* \(or switch on Hidden from the site \(draft\)\)$/)));
    expect(await buildRefuses(false)).toEqual([]);
  });

  test('no blank bars; menu links are chosen from the site\'s pages; a question asked twice is refused by the build, naming both files', async () => {
    await goInAdmin(page, '#/collections/settings/entries/site', page.getByRole('textbox', { name: 'Phone number' }));
    // No grey bar with nothing in it: an open group shows its label and its fields.
    await expect(page.getByRole('button', { name: 'Collapse' })).toHaveCount(0);
    await expect(page.locator('label', { hasText: /^Settings$/ })).toBeHidden();
    await expect(page.locator('label', { hasText: /^Studio address$/ })).toBeVisible();
    const menu = page.locator('[aria-label="list field"]').filter({ has: page.locator('label', { hasText: 'Menu links' }) });
    // The item's first button (unnamed in Decap) opens it.
    await menu.getByText('Fees', { exact: true }).locator('..').getByRole('button').first().click();
    const link = menu.getByRole('combobox');
    await link.fill('/fee/');
    await expect(page.getByText('No options')).toBeVisible();
    await link.press('Escape');

    // The longest question allowed, with accents, quotes and an emoji, makes a file name of plain letters.
    const question = page.getByRole('textbox', { name: 'Question' });
    const faqFiles = () => readWrittenTree(page, (root) => readdirSync(join(root, 'src/content/faq')));
    const before = await faqFiles();
    const ask = async (words: string) => {
      await goInAdmin(page, '#/collections/faq/new', question);
      // Its hint says to leave it empty to put the question last: it starts empty.
      await expect(page.getByRole('spinbutton', { name: /^Position in the list/ })).toHaveValue('');
      await question.fill(words);
      await page.locator('[data-slate-editor="true"]').fill('Yes.');
      await saveAndPublish();
    };
    await ask(`${'Can my child’s “favourite” songs 🎵 be used, even ones in Français or Español'.padEnd(149, ' and more')}?`);
    const added = (await faqFiles()).filter((name) => !before.includes(name));
    expect(added).toEqual([expect.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*\.md$/)]);
    expect(await buildRefuses()).toEqual([]);

    await ask('How do I get started?');
    expect(await buildRefuses()).toEqual(['src/content/faq/how-to-get-started.md: Question: “How do I get started?” is on the site already (src/content/faq/how-do-i-get-started.md): change one of the two, or delete one.']);
  });

  test('on a 390 px phone, the editor fits the screen, and Save, Status and Publish are in reach', async () => {
    const phone = page.getByRole('textbox', { name: 'Phone number' });
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    // Reached at full width: on a phone the way back shows only its arrow, which goInAdmin does not look for.
    await goInAdmin(page, '#/collections/settings/entries/site', phone);
    await page.setViewportSize({ width: 390, height: 844 });
    await phone.fill('(801) 555-0199');
    await expect(button('Save')).toBeInViewport({ ratio: 1 });
    await button('Save').click();
    await expect(button('Status: Draft')).toBeInViewport({ ratio: 1 });
    await button('Status: Draft').click();
    await page.getByRole('menuitem', { name: 'Ready' }).click();
    await expect(button('Publish')).toBeInViewport({ ratio: 1 });
    // All three fit on the bar as it opens: none of them is in reach only once the bar is scrolled.
    expect(await page.locator('[class*="-ToolbarSectionMain"]').evaluate((bar) => bar.parentElement!.scrollLeft)).toBe(0);
    await button('Publish').click();
    await page.getByRole('menuitem', { name: 'Publish now' }).click();
    await expect(button('Published')).toBeInViewport({ ratio: 1 });
    expect(JSON.parse((await writtenFile(page, 'src/content/settings.json')) ?? '{}').site.phone).toBe('(801) 555-0199');
  });
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
