/**
 * `npm start`'s content manager edits the real files, and the site shows the changes. A copy of the
 * project runs `astro dev` as `npm start` does (src/integrations/cms.ts: Decap's bundle, decap-server
 * behind the dev server's own address); both tests share it, in order, the second stopping it.
 *
 * First, a content file is kept in the form the content manager writes it, so a one-word edit
 * changes one line and saving an entry without a net change leaves its file byte for byte as it was.
 * One entry of each collection: Decap saves only a changed entry, so each file gets one letter more
 * on disk first; the entry is opened, the letter taken out in the CMS and the entry saved, and the
 * file must be as it was. Decap's form: front matter by its YAML formatter (long values folded at
 * 80 columns), the text by its rich-text editor's markdown (`*` bullets, a paragraph or list item on
 * one line), settings.json by admin.js's json-in-order format.
 *
 * Then the owner's quick fixes are made through /admin/ in one load of the CMS, the last one on a
 * phone-sized screen.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { blockOutside, cspViolations, goInAdmin, openAdmin, publishNow, useLocalBackend } from '../support/cms.ts';

// One dev server for both tests, in this order: the last one stops it.
test.describe.configure({ mode: 'default' });

const local = useLocalBackend();
const { read } = local;
const outside: string[] = [];

/** One entry of each collection, by its file (without .md: a folder's index.md counts too); home has fields of its own. */
const ENTRIES = [
  { collection: 'pages', slug: 'home', file: 'src/content/pages/home' },
  { collection: 'pages', slug: 'fees', file: 'src/content/pages/fees' },
  { collection: 'faq', file: 'src/content/faq/insurance-coverage' },
  { collection: 'locations', file: 'src/content/locations/studio' },
  { collection: 'team', file: 'src/content/team/example-therapist' },
  { collection: 'settings', slug: 'site', file: 'src/content/settings' },
];

/** The file on disk and the entry's address in the CMS, whose slug is its path in the folder. */
function locate({ collection, slug, file }: (typeof ENTRIES)[number]): { path: string; hash: string } {
  const path = [`${file}.md`, `${file}/index.md`, `${file}.json`].find((candidate) => existsSync(join(local.root(), candidate)));
  if (!path) throw new Error(`No file for ${file}`);
  return { path, hash: `#/collections/${collection}/entries/${slug ?? path.replace(/^src\/content\/[^/]+\//, '').replace(/\.md$/, '')}` };
}

/**
 * Puts the caret at the very end of the box, just after the letter `x`, once the browser has it
 * there: a key pressed too early is lost, and the editor may still redraw the entry as it reads it.
 */
async function caretAfterLastX(page: Page, box: Locator): Promise<void> {
  await box.click();
  await expect
    .poll(async () => {
      await page.keyboard.press('Control+End');
      return box.evaluate((element) => {
        if (element instanceof HTMLInputElement) return element.selectionStart === element.value.length && element.value.endsWith('x');
        const selection = getSelection();
        if (!selection?.isCollapsed || !selection.focusNode || !element.contains(selection.focusNode)) return false;
        const [before, after] = [document.createRange(), document.createRange()];
        before.selectNodeContents(element);
        before.setEnd(selection.focusNode, selection.focusOffset);
        after.selectNodeContents(element);
        after.setStart(selection.focusNode, selection.focusOffset);
        return after.toString().replace(/[\s\uFEFF]/g, '') === '' && before.toString().replace(/\uFEFF/g, '').endsWith('x');
      });
    })
    .toBe(true);
}

test('saving an entry without a net change leaves its file as it was, in each collection', async ({ context, page }) => {
  // Generous: Decap's first load takes minutes on a busy 2-core machine.
  test.setTimeout(600_000);
  await blockOutside(context, outside);
  await openAdmin(page, '#/collections/pages', local.origin());

  for (const entry of ENTRIES) {
    const { path, hash } = locate(entry);
    await test.step(path, async () => {
      const original = read(path);
      // The letter goes at the end of the text, or of the practice's name in settings.json, which has no text.
      const json = path.endsWith('.json');
      writeFileSync(join(local.root(), path), json ? original.replace(/("practiceName": ".*)"/, '$1x"') : original.replace(/\n$/, 'x\n'));
      const box = json ? page.getByRole('textbox', { name: 'Practice name' }) : page.locator('[data-slate-editor="true"]');
      const text = () => (json ? box.inputValue() : box.innerText());

      await goInAdmin(page, hash, box);
      // The CMS may first show the entry as it listed it before; the letter shows once it has read the file.
      await expect.poll(text).toMatch(/x[\s\uFEFF]*$/);
      await caretAfterLastX(page, box);
      await page.keyboard.press('Backspace');
      await expect.poll(text).not.toMatch(/x[\s\uFEFF]*$/);
      await publishNow(page);
      await expect.poll(() => read(path)).toBe(original);
    });
  }

  expect(await cspViolations(page)).toEqual([]);
  expect(outside).toEqual([]);
});

test('the quick fixes made in the content manager reach the files, and the site shows them', async ({ context, page }) => {
  test.setTimeout(300_000);
  await blockOutside(context, outside);
  const settingsBefore = read('src/content/settings.json');

  await test.step('the phone number, in the site settings', async () => {
    await openAdmin(page, '#/collections/settings/entries/site', local.origin());
    const phone = page.getByRole('textbox', { name: 'Phone number' });
    await phone.clear();
    await phone.fill('(801) 766-2210');
    await page.getByRole('button', { name: 'Remove Phone number' }).click();
    await publishNow(page);
    await expect.poll(() => read('src/content/settings.json')).toContain('"phone": "(801) 766-2210"');
    // Two lines change: the number, and the list of examples still to replace.
    const before = settingsBefore.split('\n');
    const changed = read('src/content/settings.json').split('\n').filter((line, index) => line !== before[index]);
    expect(changed).toEqual(['    "phone": "(801) 766-2210",', '    "examplesToReplace": ["siteUrl", "email", "replyTime", "studioAddress", "hours", "serviceArea"]']);
  });

  await test.step('a new question, with its answer typed in the rich-text editor', async () => {
    await goInAdmin(page, '#/collections/faq/new', page.getByRole('textbox', { name: 'Question' }));
    await page.getByRole('textbox', { name: 'Question' }).fill('Can brothers and sisters join a session?');
    await page.getByRole('spinbutton', { name: /Position in the list/ }).fill('8');
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type('Yes. Siblings are welcome: ask us when you book.');
    await publishNow(page);
    const file = 'src/content/faq/can-brothers-and-sisters-join-a-session.md';
    // Polled whole: decap-server writes a file in place, so a read can land mid-write.
    await expect.poll(() => read(file)).toBe('---\nquestion: Can brothers and sisters join a session?\norder: 8\ndraft: false\n---\nYes. Siblings are welcome: ask us when you book.\n');
  });

  await test.step('a new therapist, with a photo stored next to the profile and its description', async () => {
    await goInAdmin(page, '#/collections/team/new', page.getByRole('textbox', { name: 'Full name' }));
    await page.getByRole('textbox', { name: 'Full name' }).fill('Jane Doe');
    await page.getByRole('textbox', { name: 'Role' }).fill('Music therapist');
    await page.getByRole('button', { name: 'Choose an image' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'Jane Doe.png', mimeType: 'image/png', buffer: readFileSync('public/icon-512.png') });
    await page.getByRole('button', { name: 'Choose selected' }).click();
    await page.getByRole('textbox', { name: 'Photo description' }).fill('Jane smiling, holding a guitar');
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type('Jane trained in Utah and loves working with teenagers.');
    await publishNow(page);
    await expect.poll(() => read('src/content/team/jane-doe/index.md')).toContain('photoAlt: Jane smiling, holding a guitar');
    expect(read('src/content/team/jane-doe/index.md')).toContain('photo: jane-doe.jpg\n');
    // Re-encoded as a JPEG in the browser before it was stored.
    expect(readFileSync(join(local.root(), 'src/content/team/jane-doe/jane-doe.jpg')).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  await test.step('emptied optional fields are left out of the file: a list, and a note to confirm', async () => {
    await openAdmin(page, '#/collections/locations/entries/studio/index', local.origin());
    const areaServed = page.locator('[aria-label="list field"]').filter({ has: page.locator('label', { hasText: 'Area served' }) });
    // The list item's own buttons have no names: the last one removes the item.
    await areaServed.locator('[class*="ListItemTopBar"] > button').last().click();
    await expect(areaServed.getByRole('textbox')).toHaveCount(0);
    await publishNow(page);
    await expect.poll(() => read('src/content/locations/studio/index.md')).toMatch(/^---\ntitle: (?![^]*areaServed)/);

    await goInAdmin(page, '#/collections/pages/entries/fees', page.getByRole('textbox', { name: /^Note to confirm/ }));
    await page.getByRole('textbox', { name: /^Note to confirm/ }).clear();
    await publishNow(page);
    await expect.poll(() => read('src/content/pages/fees.md')).toMatch(/^---\ntitle: Fees and insurance\ndescription: (?![^]*ownerToConfirm)/);
  });

  await test.step('on a 390 px phone, the phone number again, published with a button in reach', async () => {
    const phone = page.getByRole('textbox', { name: 'Phone number' });
    // Reached at full width: on a phone the way back shows only its arrow, which goInAdmin does not look for.
    await goInAdmin(page, '#/collections/settings/entries/site', phone);
    await page.setViewportSize({ width: 390, height: 844 });
    await phone.fill('(801) 766-2211');
    await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeInViewport({ ratio: 1 });
    await publishNow(page);
    await expect.poll(() => read('src/content/settings.json')).toContain('"phone": "(801) 766-2211"');
  });

  expect(await cspViolations(page)).toEqual([]);
  expect(outside).toEqual([]);

  await test.step('the site shows each change', async () => {
    expect(await local.page('/')).toContain('href="tel:+18017662211"');
    expect(await local.page('/faq/')).toContain('Can brothers and sisters join a session?');
    const about = await local.page('/about/');
    expect(about).toMatch(/<img [^>]*alt="Jane smiling, holding a guitar"/);
    expect(about).toContain('Jane trained in Utah');
    // Without its own list, the studio's page lists the cities of the settings.
    expect(await local.page('/locations/studio/')).toContain('American Fork');
  });

  await test.step('decap-server stops with the dev server', async () => {
    const server = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(local.dev().pid)], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
    expect(server).toBeGreaterThan(0);
    local.dev().kill('SIGKILL');
    const alive = () => { try { process.kill(server, 0); return true; } catch { return false; } };
    await expect.poll(alive, { timeout: 30_000 }).toBe(false);
  });
});
