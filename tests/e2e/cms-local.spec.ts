/**
 * Changes made in the content manager reach the content files, and a build shows them on the site.
 *
 * As `npm start` runs it: decap-server (Decap's local backend, src/integrations/cms.ts) edits the
 * files of a copy of the project, and the CMS reaches it at the site's own address, through the
 * path the dev server forwards (here Playwright forwards it). The CMS is the built /admin/ with
 * netlify.toml's headers, so this also shows that the local mode works under the admin CSP. Then the
 * copy is built with `astro build`, whose content checks are the site's own.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { cspViolations, goInAdmin, openAdmin, publishNow, useLocalBackend } from '../support/cms.ts';

const local = useLocalBackend();
const { read } = local;
const outside: string[] = [];

test('changes made in the content manager reach the files, and the built site shows them', async ({ context, page }) => {
  test.setTimeout(300_000);
  await local.connect(context, outside);
  const settingsBefore = read('src/content/settings.json');

  await test.step('the phone number, in the site settings', async () => {
    await openAdmin(page, '#/collections/settings/entries/site');
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
    await expect.poll(() => read(file)).toContain('Siblings are welcome');
    expect(read(file)).toBe('---\nquestion: Can brothers and sisters join a session?\norder: 8\ndraft: false\n---\nYes. Siblings are welcome: ask us when you book.\n');
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
    await openAdmin(page, '#/collections/locations/entries/studio/index');
    const areaServed = page.locator('[aria-label="list field"]').filter({ has: page.locator('label', { hasText: 'Area served' }) });
    // The list item's own buttons have no names: the last one removes the item.
    await areaServed.locator('[class*="ListItemTopBar"] > button').last().click();
    await expect(areaServed.getByRole('textbox')).toHaveCount(0);
    await publishNow(page);
    await expect.poll(() => read('src/content/locations/studio/index.md')).not.toContain('areaServed');
    await expect.poll(() => read('src/content/locations/studio/index.md')).toMatch(/^---\ntitle: /);

    await openAdmin(page, '#/collections/pages/entries/fees');
    await page.getByRole('textbox', { name: /^Note to confirm/ }).clear();
    await publishNow(page);
    // Polled whole: decap-server writes the file in place, so a read can land mid-write and find it empty.
    await expect.poll(() => read('src/content/pages/fees.md')).toMatch(/^---\ntitle: Fees and insurance\ndescription: /);
    await expect.poll(() => read('src/content/pages/fees.md')).not.toContain('ownerToConfirm');
  });

  expect(await cspViolations(page)).toEqual([]);
  expect(outside).toEqual([]);

  await test.step('the build accepts every file and shows each change', async () => {
    await promisify(execFile)(process.execPath, [join(local.root(), 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: local.root(),
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTEXT: 'dev' },
      timeout: 240_000,
    });
    const built = (path: string) => readFileSync(join(local.root(), 'dist', path), 'utf8');
    expect(built('index.html')).toContain('href="tel:+18017662210"');
    expect(built('faq/index.html')).toContain('Can brothers and sisters join a session?');
    expect(built('about/index.html')).toMatch(/<img [^>]*alt="Jane smiling, holding a guitar"/);
    expect(built('about/index.html')).toContain('Jane trained in Utah');
    // Without its own list, the studio's page lists the cities of the settings.
    expect(built('locations/studio/index.html')).toContain('American Fork');
  });
});
