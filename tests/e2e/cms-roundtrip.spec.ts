/**
 * A content file is kept in the form the content manager writes it, so a one-word edit changes one
 * line and saving an entry without a net change leaves its file byte for byte as it was.
 *
 * One entry of each collection, through `npm start`'s content manager on a copy of the project (as in
 * cms-local.spec.ts). Decap saves only a changed entry, so each file gets one letter more on disk
 * first; the entry is opened, the letter taken out in the CMS and the entry saved, and the file
 * must be the repository's again. Decap's form: front matter by its YAML formatter (long values
 * folded at 80 columns), the text by its rich-text editor's markdown (`*` bullets, a paragraph or
 * list item on one line), settings.json by admin.js's json-in-order format.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { blockOutside, cspViolations, goInAdmin, openAdmin, publishNow, useLocalBackend } from '../support/cms.ts';

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

/** Puts the caret at the very end of the box, once the browser has it there (a key pressed too early is lost). */
async function caretAtEnd(page: Page, box: Locator): Promise<void> {
  await box.click();
  await expect
    .poll(async () => {
      await page.keyboard.press('Control+End');
      return box.evaluate((element) => {
        if (element instanceof HTMLInputElement) return element.selectionStart === element.value.length;
        const selection = getSelection();
        if (!selection?.isCollapsed || !selection.focusNode || !element.contains(selection.focusNode)) return false;
        const after = document.createRange();
        after.selectNodeContents(element);
        after.setStart(selection.focusNode, selection.focusOffset);
        return after.toString().replace(/[\s\uFEFF]/g, '') === '';
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
      await caretAtEnd(page, box);
      await page.keyboard.press('Backspace');
      await expect.poll(text).not.toMatch(/x[\s\uFEFF]*$/);
      await publishNow(page);
      await expect.poll(() => read(path)).toBe(original);
    });
  }

  expect(await cspViolations(page)).toEqual([]);
  expect(outside).toEqual([]);
});
