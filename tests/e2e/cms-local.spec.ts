/**
 * `npm start`'s content manager edits the real files, and the site shows the changes. A copy of the
 * project runs `astro dev` as `npm start` does (src/integrations/cms.ts: Decap's bundle, decap-server
 * behind the dev server's own address, netlify.toml's headers for /admin/), and the owner's quick
 * fixes are made through /admin/ in one load of the CMS, the last one on a phone-sized screen.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LOCAL_BACKEND_PATH } from '../../src/integrations/cms.ts';
import { blockOutside, cspViolations, goInAdmin, openAdmin } from '../support/cms.ts';
import { freePort } from '../support/port.ts';
import { projectCopy, type ProjectCopy } from '../support/project-copy.ts';

let copy: ProjectCopy | undefined;
let dev: ChildProcess | undefined;
let origin = '';
let output = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  copy = projectCopy();
  const port = await freePort();
  origin = `http://localhost:${port}`;
  dev = spawn(process.execPath, [join(copy.root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port)], { cwd: copy.root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  dev.stdout?.on('data', (chunk) => (output += chunk));
  dev.stderr?.on('data', (chunk) => (output += chunk));
  // Up once decap-server answers through the dev server, as the CMS will ask it.
  const info = () => fetch(`${origin}${LOCAL_BACKEND_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' }).then((answer) => answer.ok, () => false);
  await expect.poll(info, { timeout: 240_000, intervals: [1000] }).toBe(true);
});

test.afterAll(() => {
  dev?.kill();
  copy?.remove();
});

const read = (path: string) => (existsSync(join(copy!.root, path)) ? readFileSync(join(copy!.root, path), 'utf8') : '');
const page = (path: string) => fetch(`${origin}${path}`).then((answer) => answer.text());

async function publish(page: Page): Promise<void> {
  // decap-server's file mode saves straight to the files: the CMS offers "Publish now" only.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
}

test('the quick fixes made in the content manager reach the files, and the site shows them', async ({ context, page: tab }) => {
  test.setTimeout(300_000);
  const outside: string[] = [];
  await blockOutside(context, outside);
  tab.on('dialog', (dialog) => dialog.accept());
  const settingsBefore = read('src/content/settings.json');

  await test.step('emptied optional fields are left out of the file: a list, and a note to confirm', async () => {
    const areaServed = tab.locator('[aria-label="list field"]').filter({ has: tab.locator('label', { hasText: 'Area served' }) });
    await openAdmin(tab, '#/collections/locations/entries/studio', origin);
    // The list item's own buttons have no names: the last one removes the item.
    await areaServed.locator('[class*="ListItemTopBar"] > button').last().click();
    await expect(areaServed.getByRole('textbox')).toHaveCount(0);
    await publish(tab);
    await expect.poll(() => read('src/content/locations/studio.md')).not.toContain('areaServed');

    await goInAdmin(tab, '#/collections/pages/entries/fees', tab.getByRole('textbox', { name: /^Note to confirm/ }));
    await tab.getByRole('textbox', { name: /^Note to confirm/ }).clear();
    await publish(tab);
    await expect.poll(() => read('src/content/pages/fees.md')).not.toContain('ownerToConfirm');
    expect(read('src/content/pages/fees.md')).toMatch(/^---\ntitle: Fees and insurance\ndescription: /);
  });

  await test.step('the phone number, in the site settings', async () => {
    const phone = tab.getByRole('textbox', { name: 'Phone number' });
    await goInAdmin(tab, '#/collections/settings/entries/site', phone);
    await phone.fill('(801) 766-2210');
    await tab.getByRole('button', { name: 'Remove Phone number' }).click();
    await publish(tab);
    await expect.poll(() => read('src/content/settings.json')).toContain('"phone": "(801) 766-2210"');
    // Two lines change: the number, and the list of examples still to replace.
    const before = settingsBefore.split('\n');
    const changed = read('src/content/settings.json').split('\n').filter((line, index) => line !== before[index]);
    expect(changed).toEqual(['    "phone": "(801) 766-2210",', '    "examplesToReplace": ["siteUrl", "email", "replyTime", "studioAddress", "hours", "serviceArea"]']);
  });

  await test.step('a new question, with its answer typed in the rich-text editor', async () => {
    await goInAdmin(tab, '#/collections/faq/new', tab.getByRole('textbox', { name: 'Question' }));
    await tab.getByRole('textbox', { name: 'Question' }).fill('Can brothers and sisters join a session?');
    await tab.getByRole('spinbutton', { name: /Position in the list/ }).fill('8');
    await tab.locator('[data-slate-editor="true"]').click();
    await tab.keyboard.type('Yes. Siblings are welcome: ask us when you book.');
    await publish(tab);
    const file = 'src/content/faq/can-brothers-and-sisters-join-a-session.md';
    await expect.poll(() => read(file)).toBe('---\nquestion: Can brothers and sisters join a session?\norder: 8\ndraft: false\n---\nYes. Siblings are welcome: ask us when you book.\n');
  });

  await test.step('a new therapist, with a photo stored next to the profile and its description', async () => {
    await goInAdmin(tab, '#/collections/team/new', tab.getByRole('textbox', { name: 'Full name' }));
    await tab.getByRole('textbox', { name: 'Full name' }).fill('Jane Doe');
    await tab.getByRole('textbox', { name: 'Role' }).fill('Music therapist');
    await tab.getByRole('button', { name: 'Choose an image' }).click();
    await tab.locator('input[type=file]').setInputFiles({ name: 'Jane Doe.png', mimeType: 'image/png', buffer: readFileSync('public/icon-512.png') });
    await tab.getByRole('button', { name: 'Choose selected' }).click();
    await tab.getByRole('textbox', { name: 'Photo description' }).fill('Jane smiling, holding a guitar');
    await tab.locator('[data-slate-editor="true"]').click();
    await tab.keyboard.type('Jane trained in Utah and loves working with teenagers.');
    await publish(tab);
    await expect.poll(() => read('src/content/team/jane-doe/index.md')).toContain('photoAlt: Jane smiling, holding a guitar');
    expect(read('src/content/team/jane-doe/index.md')).toContain('photo: jane-doe.jpg\n');
    // Re-encoded as a JPEG in the browser before it was stored.
    expect(readFileSync(join(copy!.root, 'src/content/team/jane-doe/jane-doe.jpg')).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  await test.step('on a 390 px phone, the phone number again, published with a button in reach', async () => {
    const phone = tab.getByRole('textbox', { name: 'Phone number' });
    // Reached at full width: on a phone the way back shows only its arrow, which goInAdmin does not look for.
    await goInAdmin(tab, '#/collections/settings/entries/site', phone);
    await tab.setViewportSize({ width: 390, height: 844 });
    await phone.fill('(801) 766-2211');
    await expect(tab.getByRole('button', { name: 'Publish', exact: true })).toBeInViewport({ ratio: 1 });
    await publish(tab);
    await expect.poll(() => read('src/content/settings.json')).toContain('"phone": "(801) 766-2211"');
  });

  expect(await cspViolations(tab)).toEqual([]);
  expect(outside).toEqual([]);

  await test.step('the site shows each change', async () => {
    expect(await page('/')).toContain('href="tel:+18017662211"');
    expect(await page('/faq/')).toContain('Can brothers and sisters join a session?');
    const about = await page('/about/');
    expect(about).toMatch(/<img [^>]*alt="Jane smiling, holding a guitar"/);
    expect(about).toContain('Jane trained in Utah');
    // Without its own list, the studio's page lists the cities of the settings.
    expect(await page('/locations/studio/')).toContain('American Fork');
  });

  await test.step('decap-server stops with the dev server', async () => {
    const server = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(dev!.pid)], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
    expect(server).toBeGreaterThan(0);
    dev!.kill('SIGKILL');
    const alive = () => { try { process.kill(server, 0); return true; } catch { return false; } };
    await expect.poll(alive, { timeout: 30_000 }).toBe(false);
  });
});
