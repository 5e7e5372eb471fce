/**
 * The pictures of the owner's guide, docs/editing.md, taken from the real content manager of the
 * build (`npm run docs:screenshots`), so they stay true when the CMS or the content changes. The
 * sign-in page is the production one (GitHub); everything after it runs on Decap's test backend,
 * seeded with the real content, offline (tests/support/cms.ts). Nothing is saved anywhere.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { blockOutside, goInAdmin, openAdmin, useTestBackend } from '../support/cms.ts';

const IMAGES = 'docs/images';
/** The test backend's header link, where the production page shows the owner's GitHub picture. */
const STYLE = 'a[href*="decapcms.org/docs/test-backend"] { visibility: hidden !important; }';

/** The whole window. */
const window = (page: Page, name: string) => page.screenshot({ path: `${IMAGES}/${name}.png`, style: STYLE, animations: 'disabled' });
/** The top of the window: the editor's toolbar and what opens from it. */
const top = (page: Page, name: string, height = 96) => page.screenshot({ path: `${IMAGES}/${name}.png`, style: STYLE, animations: 'disabled', clip: { x: 0, y: 0, width: 1200, height } });
/** One field of the form, with its label and hint. */
const field = async (control: Locator, name: string) => {
  const container = control.locator('xpath=ancestor::div[contains(@aria-label, " field")][1]');
  await container.scrollIntoViewIfNeeded();
  await container.screenshot({ path: `${IMAGES}/${name}.png`, style: STYLE, animations: 'disabled' });
};

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Status: Draft' })).toBeVisible();
}

test('the pictures of the owner\'s guide', async ({ browser }) => {
  test.setTimeout(300_000);
  const outside: string[] = [];

  await test.step('sign in', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 760 } });
    await blockOutside(context, outside);
    const page = await context.newPage();
    await page.goto('/admin/');
    await expect(page.getByRole('button', { name: 'Login with GitHub' })).toBeVisible();
    await window(page, 'sign-in');
    await context.close();
  });

  const context = await browser.newContext({ viewport: { width: 1200, height: 760 } });
  await useTestBackend(context, outside);
  const page = await context.newPage();

  await test.step('the collections', async () => {
    await openAdmin(page, '#/collections/pages');
    await window(page, 'collections');
  });

  await test.step('the phone number, saved as a draft, made ready and published', async () => {
    await openAdmin(page, '#/collections/settings/entries/site');
    const phone = page.getByRole('textbox', { name: 'Phone number' });
    await phone.clear();
    await phone.fill('(801) 766-2210');
    await field(phone, 'phone-number');
    await page.getByRole('button', { name: 'Remove Phone number' }).click();
    await page.mouse.move(0, 0);
    await field(page.getByRole('combobox', { name: /Example values still to replace/ }), 'examples-to-replace');
    await save(page);
    await top(page, 'saved-draft');
    await page.getByRole('button', { name: 'Status: Draft' }).click();
    await top(page, 'status-menu', 200);
    await page.getByRole('menuitem', { name: 'Ready' }).click();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await top(page, 'publish-menu', 200);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('menuitem', { name: 'Publish now' }).click();
    await expect(page.getByRole('button', { name: 'Published', exact: true })).toBeVisible();
  });

  await test.step('a new question, a mistake, and its preview', async () => {
    const question = page.getByRole('textbox', { name: 'Question' });
    // The button as the guide names it.
    const add = page.getByRole('link', { name: 'Create entry of type Question' });
    await goInAdmin(page, '#/collections/faq', add);
    await expect(add).toHaveText('＋ Question');
    await add.click();
    await expect(question).toBeVisible();
    await question.fill('Can brothers and sisters join a session');
    await page.getByRole('spinbutton', { name: /Position in the list/ }).fill('8');
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type('Yes. Brothers and sisters are welcome to join some sessions: ask us when you book.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await field(question, 'mistake');
    await question.press('End');
    await question.press('?');
    await expect(question).toHaveValue('Can brothers and sisters join a session?');
    await page.getByText('Write the whole question').waitFor({ state: 'detached' }).catch(() => undefined);
    await window(page, 'new-question');
    await save(page);
  });

  await test.step('a new therapist with a photo, kept as a draft', async () => {
    // Quick add, as the guide offers it beside the collection's own button.
    await goInAdmin(page, '#/collections/team', page.getByRole('link', { name: 'Create entry of type Team member' }));
    await page.getByRole('button', { name: 'Quick add' }).click();
    await page.getByRole('menuitem', { name: 'Team member' }).click();
    await expect(page.getByRole('textbox', { name: 'Full name' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Full name' }).fill('Jane Doe');
    await page.getByRole('textbox', { name: 'Credentials (optional)' }).fill('MT-BC');
    await page.getByRole('textbox', { name: 'Role' }).fill('Music therapist');
    await page.getByRole('button', { name: 'Choose an image' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'Jane Doe.jpg', mimeType: 'image/jpeg', buffer: readFileSync('src/content/team/example-therapist/example-therapist.jpg') });
    await expect(page.getByRole('button', { name: 'Choose selected' })).toBeEnabled();
    await window(page, 'upload-photo');
    await page.getByRole('button', { name: 'Choose selected' }).click();
    const description = page.getByRole('textbox', { name: 'Photo description' });
    await description.fill('Jane smiling, holding a guitar');
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type('Jane trained in Utah and loves working with teenagers and their families.');
    await description.scrollIntoViewIfNeeded();
    await window(page, 'new-therapist');
    const draft = page.getByRole('switch', { name: /^Hidden from the site/ });
    await draft.click();
    await expect(draft).toBeChecked();
    await field(draft, 'hidden-switch');
    await save(page);
  });

  await test.step('the workflow board', async () => {
    await goInAdmin(page, '#/workflow', page.getByRole('heading', { name: 'Editorial Workflow' }));
    await expect(page.getByText('Jane Doe')).toBeVisible();
    await window(page, 'workflow');
  });

  expect(outside).toEqual([]);
  await context.close();
});
