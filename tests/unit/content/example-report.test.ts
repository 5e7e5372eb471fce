import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { exampleValueReport } from '../../../src/integrations/example-values.ts';
import { loadSettingsFile } from '../../../src/lib/site-settings.ts';

test('the project lists every example value and every note still to confirm, and nothing that stops the build', async () => {
  const { errors, reminders } = await exampleValueReport();
  expect(errors).toEqual([]);
  expect(reminders).toEqual(
    expect.arrayContaining([
      'src/content/settings.json: "phone" is still an example value',
      'src/content/settings.json: "email" is still an example value',
      'src/content/settings.json: "studioAddress" is still an example value',
      expect.stringMatching(/^src\/content\/pages\/fees\.md: to confirm: .*Good Faith Estimate/),
    ]),
  );
});

/** A copy of the project's pages and team in a temp folder, to change one thing at a time. */
describe('a copy of the content with one mistake', () => {
  let root = '';
  const fixture = async () => {
    root = await mkdtemp(join(tmpdir(), 'example-report-'));
    for (const dir of ['pages', 'team']) await cp(`src/content/${dir}`, join(root, 'src/content', dir), { recursive: true });
    return root;
  };
  const edit = async (file: string, change: (text: string) => string) => {
    const path = join(root, file);
    await writeFile(path, change(await readFile(path, 'utf8')));
  };
  afterEach(() => rm(root, { recursive: true, force: true }));

  test('the example therapist published as shipped stops the build, naming the file and the fix', async () => {
    await fixture();
    await edit('src/content/team/example-therapist.md', (text) => text.replace('draft: true', 'draft: false'));
    const { errors } = await exampleValueReport(root);
    expect(errors).toMatchInlineSnapshot(`
      [
        "src/content/team/example-therapist.md: this profile is published (it has no "draft: true") but still shows the name "Your Name", the example photo (example-therapist.jpg), and the example bio ("Write a short bio here…"). Replace the example name, photo and bio with the real ones, or put back "draft: true" to keep it off the site.",
      ]
    `);
  });

  test.each([
    ['with draft left out', (text: string) => text.replace('draft: true\n', ''), /"Your Name".*example photo.*example bio/],
    ['with a real name but the example photo', (text: string) => text.replace('draft: true', 'draft: false').replace('Your Name', 'Jane Doe'), /shows the example photo \(example-therapist\.jpg\) and the example bio/],
  ])('a team entry %s is listed', async (_case, change, message) => {
    await fixture();
    await edit('src/content/team/example-therapist.md', change);
    expect((await exampleValueReport(root)).errors).toEqual([expect.stringMatching(message)]);
  });

  test('a real, published profile and a draft example are both fine', async () => {
    await fixture();
    await writeFile(
      join(root, 'src/content/team/jane-doe.md'),
      '---\nname: Jane Doe\nrole: Music therapist\nphoto: ./jane-doe.jpg\nphotoAlt: Jane smiling at a piano\n---\nJane trained in Utah.\n',
    );
    expect((await exampleValueReport(root)).errors).toEqual([]);
  });

  test('a colon in an unquoted description names the file and its line, and how to fix it', async () => {
    await fixture();
    await edit('src/content/pages/about.md', (text) => text.replace(/^description: "?/m, 'description: About us: '));
    const { errors } = await exampleValueReport(root);
    expect(errors).toEqual([expect.stringMatching(/^src\/content\/pages\/about\.md: line 3: this line could not be read\..*double quotes/)]);
  });

  test('files Astro ignores are ignored: a macOS "._" copy and an editor lock file that points nowhere', async () => {
    await fixture();
    await writeFile(join(root, 'src/content/pages/._about.md'), '\u0000\u0005binary');
    await symlink('/nonexistent/lock', join(root, 'src/content/pages/.#about.md'));
    expect((await exampleValueReport(root)).errors).toEqual([]);
  });

  test('a wrong value in settings.json is one plain line, and does not hide the examples still to replace', async () => {
    await fixture();
    const file = (await loadSettingsFile()) as { site: Record<string, unknown> };
    const { errors, reminders } = await exampleValueReport(root, Promise.resolve({ site: { ...file.site, phone: '801-766-123' } }));
    expect(errors).toEqual(['src/content/settings.json: phone: Write the phone number with its area code, like "(801) 555-0142".']);
    expect(reminders).toEqual(
      expect.arrayContaining([
        'src/content/settings.json: "email" is still an example value',
        'src/content/settings.json: "studioAddress" is still an example value',
        expect.stringMatching(/^src\/content\/pages\/fees\.md/),
      ]),
    );
  });

  test('a typing mistake in settings.json is listed, naming its line and column', async () => {
    await fixture();
    const broken = loadSettingsFile(async () => ({ default: JSON.parse('{ "site": {,} }') as unknown }));
    expect((await exampleValueReport(root, broken)).errors).toEqual([expect.stringMatching(/^src\/content\/settings\.json has a typing mistake at line 1, column \d+ /)]);
  });
});
