import { execFile } from 'node:child_process';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { publishedExampleMistake } from '../../../src/lib/content-check.ts';
import { contentProject } from '../../support/content.ts';

/** `npm run placeholders` in a copy of the project, whose content Astro's content sync loads (a few seconds a run). */
describe('npm run placeholders', { timeout: 60_000 }, () => {
  let root = '';
  const originals = new Map<string, string>();
  /** Changes a file of the copy until the end of the test. */
  const edit = async (file: string, change: (text: string) => string) => {
    const path = join(root, file);
    const text = await readFile(path, 'utf8');
    if (!originals.has(path)) originals.set(path, text);
    await writeFile(path, change(text));
  };
  /** The report's two lists, and whether it failed. */
  async function report(): Promise<{ failed: boolean; errors: string[]; reminders: string[] }> {
    const run = promisify(execFile)(process.execPath, ['src/integrations/example-values.ts'], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    const { stdout, failed } = await run.then(({ stdout }) => ({ stdout, failed: false }), ({ stdout }: { stdout: string }) => ({ stdout, failed: true }));
    const listed = (heading: string) => new RegExp(`^${heading} \\(\\d+\\):\\n((?:  - .*\\n)*)`, 'm').exec(stdout)?.[1]?.split('\n').filter(Boolean).map((line) => line.slice(4)) ?? [];
    return { failed, errors: listed('Mistakes to fix before the site can build'), reminders: listed('Still to replace or confirm before launch') };
  }

  beforeAll(async () => {
    root = await contentProject();
    // Files Astro ignores: a macOS "._" copy and an editor lock file that points nowhere.
    await writeFile(join(root, 'src/content/pages/._about.md'), '\u0000\u0005binary');
    await symlink('/nonexistent/lock', join(root, 'src/content/pages/.#about.md'));
  });
  afterEach(async () => {
    for (const [path, text] of originals) await writeFile(path, text);
    originals.clear();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  test('lists every example value and every note still to confirm, and nothing that stops the build', async () => {
    expect(await report()).toEqual({
      failed: false,
      errors: [],
      reminders: [
        ...['email', 'hours', 'phone', 'replyTime', 'serviceArea', 'siteUrl', 'studioAddress'].map((key) => `src/content/settings.json: "${key}" is still an example value`),
        expect.stringMatching(/^src\/content\/pages\/accessibility\.md: to confirm: .*known limits/),
        expect.stringMatching(/^src\/content\/pages\/contact\/thanks\.md: to confirm: .*nextSteps/),
        expect.stringMatching(/^src\/content\/pages\/fees\.md: to confirm: .*Good Faith Estimate/),
        expect.stringMatching(/^src\/content\/pages\/privacy\.md: to confirm: /),
      ],
    });
  });

  test('a wrong value in settings.json is one plain line, and does not hide the examples still to replace', async () => {
    await edit('src/content/settings.json', (text) => text.replace(/"phone": "[^"]*"/, '"phone": "801-766-123"'));
    const { failed, errors, reminders } = await report();
    expect(failed).toBe(true);
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
    await edit('src/content/settings.json', (text) => text.replace('{', '{,'));
    expect((await report()).errors).toEqual([expect.stringMatching(/^src\/content\/settings\.json has a typing mistake at line 1, column \d+ /)]);
  });

  test('the example therapist published as shipped stops the build, naming the file and the fix', async () => {
    await edit('src/content/team/example-therapist.md', (text) => text.replace('draft: true', 'draft: false'));
    const { failed, errors } = await report();
    expect(failed).toBe(true);
    expect(errors).toMatchInlineSnapshot(`
      [
        "src/content/team/example-therapist.md: this profile is published (it has no "draft: true") but still shows the name "Your Name", the example photo (example-therapist.jpg), and the example bio ("Write a short bio here…"). Replace the example name, photo and bio with the real ones, or put back "draft: true" to keep it off the site.",
      ]
    `);
  });
});

describe('a team profile published with what the example shows', () => {
  const example = { data: { name: 'Your Name', photo: './example-therapist.jpg' }, body: 'Write a short bio here.' };
  test.each([
    ['with draft left out', example, /"Your Name".*example photo.*example bio/],
    ['with a real name but the example photo', { ...example, data: { ...example.data, name: 'Jane Doe', draft: false } }, /shows the example photo \(example-therapist\.jpg\) and the example bio/],
  ])('%s is a mistake', (_case, entry, message) => {
    expect(publishedExampleMistake(entry)).toMatch(message);
  });

  test('a real, published profile and a draft example are both fine', () => {
    expect(publishedExampleMistake({ data: { name: 'Jane Doe', photo: './jane-doe.jpg' }, body: 'Jane trained in Utah.' })).toBeUndefined();
    expect(publishedExampleMistake({ ...example, data: { ...example.data, draft: true } })).toBeUndefined();
  });
});
