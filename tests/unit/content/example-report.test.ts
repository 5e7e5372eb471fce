import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { placeInCms, readCmsConfig } from '../../../src/integrations/cms-config.ts';
import { exampleValues } from '../../../src/integrations/example-values.ts';
import { publishedExampleMistake } from '../../../src/lib/content-check.ts';
import { siteSettingsSchema } from '../../../src/lib/site-settings.ts';
import { CONTENT_SOURCES, projectCopy, type ProjectCopy } from '../../support/project-copy.ts';

/** Where the owner changes each setting, as the reminders name it. */
const inCms = (label: string) => `(in the content manager: Site settings → Contact details and site words → ${label})`;
const EXAMPLES = [
  `src/content/settings.json: "email" ("hello@example.com") is still an example value ${inCms('Email address')}`,
  `src/content/settings.json: "hours" is still an example value ${inCms('Opening hours')}`,
  `src/content/settings.json: "phone" ("(801) 555-0142") is still an example value ${inCms('Phone number')}`,
  `src/content/settings.json: "replyTime" ("within two business days") is still an example value ${inCms('When you reply')}`,
  `src/content/settings.json: "serviceArea" is still an example value ${inCms('Cities you travel to')}`,
  `src/content/settings.json: "siteUrl" ("https://www.example.com") is still an example value ${inCms('Website address')}`,
  `src/content/settings.json: "studioAddress" is still an example value ${inCms('Studio address')}`,
];
const TEAM_REMINDER = 'src/content/team: no therapist profile published yet (in the content manager: Team)';
const NEVER = ': a production deploy never publishes an example value: replace it, then remove it from "Example values still to replace" on the same page.';

/** `npm run placeholders` in a copy of the project, whose content Astro's content sync loads (a few seconds a run). */
describe('npm run placeholders', { timeout: 60_000 }, () => {
  let content: ProjectCopy;
  let root = '';
  const originals = new Map<string, string>();
  /** Changes a file of the copy until the end of the test. */
  const edit = async (file: string, change: (text: string) => string) => {
    const path = join(root, file);
    const text = await readFile(path, 'utf8');
    if (!originals.has(path)) originals.set(path, text);
    await writeFile(path, change(text));
  };
  /** The report's two lists, and whether it failed; `context` as Netlify sets CONTEXT. */
  async function report(context = 'dev'): Promise<{ failed: boolean; errors: string[]; reminders: string[] }> {
    const run = promisify(execFile)(process.execPath, ['src/integrations/example-values.ts'], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTEXT: context } });
    const { stdout, failed } = await run.then(({ stdout }) => ({ stdout, failed: false }), ({ stdout }: { stdout: string }) => ({ stdout, failed: true }));
    const listed = (heading: string) => new RegExp(`^${heading} \\(\\d+\\):\\n((?:  - .*\\n)*)`, 'm').exec(stdout)?.[1]?.split('\n').filter(Boolean).map((line) => line.slice(4)) ?? [];
    return { failed, errors: listed('Mistakes to fix before the site can build'), reminders: listed('Still to replace or confirm before launch') };
  }

  beforeAll(async () => {
    content = projectCopy('.', CONTENT_SOURCES);
    root = content.root;
    // Files Astro ignores: a macOS "._" copy and an editor lock file that points nowhere.
    await writeFile(join(root, 'src/content/pages/._about.md'), '\u0000\u0005binary');
    await symlink('/nonexistent/lock', join(root, 'src/content/pages/.#about.md'));
  });
  afterEach(async () => {
    for (const [path, text] of originals) await writeFile(path, text);
    originals.clear();
  });
  afterAll(() => content.remove());

  test('on a deploy preview (as locally), lists every example value and every note still to confirm, where to change each in the content manager, and nothing that stops the build', async () => {
    expect(await report('deploy-preview')).toEqual({
      failed: false,
      errors: [],
      reminders: [
        ...EXAMPLES,
        expect.stringMatching(/^src\/content\/pages\/accessibility\.md: to confirm: .*known limits.* \(in the content manager: Pages → Accessibility statement → Note to confirm/),
        expect.stringMatching(/^src\/content\/pages\/contact\/thanks\.md: to confirm: .*What happens next.* \(in the content manager: Pages → Thank-you page \(after sending the form\) → Note to confirm/),
        expect.stringMatching(/^src\/content\/pages\/fees\.md: to confirm: .*Good Faith Estimate.* \(in the content manager: Pages → Fees and insurance → Note to confirm \(never shown on the site\)\)$/),
        expect.stringMatching(/^src\/content\/pages\/privacy\.md: to confirm: .* \(in the content manager: Pages → Privacy notice → Note to confirm/),
        TEAM_REMINDER,
      ],
    });
  });

  test('in a production deploy every example value is a mistake that names it and where to change it', async () => {
    const production = await report('production');
    expect(production.failed).toBe(true);
    expect(production.errors).toEqual(EXAMPLES.map((line) => `${line}${NEVER}`));
    // Notes to confirm are never shown on the site: still reminders.
    expect(production.reminders).toEqual([...['accessibility', 'contact\\/thanks', 'fees', 'privacy'].map((page) => expect.stringMatching(new RegExp(`^src\\/content\\/pages\\/${page}\\.md: to confirm`))), TEAM_REMINDER]);
  });

  test('while no therapist profile is published, the list says so; a published profile ends that', async () => {
    await edit('src/content/team/example-therapist.md', (text) => text.replace(/^draft: true$/m, 'draft: false'));
    expect((await report()).reminders).not.toContain(TEAM_REMINDER);
  });

  test('in production, a value replaced is no longer listed, and a value that still looks like an example counts even off the list', async () => {
    await edit('src/content/settings.json', (text) =>
      text
        .replace('"https://www.example.com"', '"https://www.pureprogressionmusic.com"')
        .replace('"hello@example.com"', '"hello@pureprogressionmusic.com"')
        .replace('"123 Example Street, Suite 100"', '"350 N Main St, Suite 2"')
        .replace('"(801) 555-0142"', '"801-555-0199"')
        .replace(/"examplesToReplace": \[[^\]]*\]/, '"examplesToReplace": []'),
    );
    const { failed, errors } = await report('production');
    expect(failed).toBe(true);
    expect(errors).toEqual([`src/content/settings.json: "phone" ("801-555-0199") is still an example value ${inCms('Phone number')}${NEVER}`]);
  });

  test('a wrong value in settings.json is one plain line, and does not hide the examples still to replace', async () => {
    await edit('src/content/settings.json', (text) => text.replace(/"phone": "[^"]*"/, '"phone": "801-766-123"'));
    const { failed, errors, reminders } = await report();
    expect(failed).toBe(true);
    expect(errors).toEqual(['src/content/settings.json: phone: Write the phone number with its area code, like "(801) 555-0142".']);
    expect(reminders).toEqual(expect.arrayContaining([EXAMPLES[0], EXAMPLES[5], expect.stringMatching(/^src\/content\/pages\/fees\.md/)]));
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

test('every setting that can be an example value has its place in the content manager', () => {
  const cms = readCmsConfig();
  const keys = (z.toJSONSchema(siteSettingsSchema, { io: 'input' }) as unknown as { properties: { examplesToReplace: { items: { enum: string[] } } } }).properties.examplesToReplace.items.enum;
  expect(keys.length).toBeGreaterThan(10);
  for (const key of keys) expect(placeInCms(cms, 'src/content/settings.json', ['site', key]), key).toMatch(/^Site settings → Contact details and site words → \S/);
});

describe('a production build', () => {
  test('its hook stops it while example values remain, and lets every other build through', async () => {
    const hook = exampleValues().hooks['astro:build:start'] as (options: { logger: { warn(message: string): void } }) => Promise<void>;
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    vi.stubEnv('CONTEXT', 'production');
    await expect(hook({ logger })).rejects.toThrow(/^This production deploy stops here, so that visitors never see an example value\. Fix these, then publish again \(7\):\n {2}- src\/content\/settings\.json: "email"/);
    vi.stubEnv('CONTEXT', 'deploy-preview');
    await expect(hook({ logger })).resolves.toBeUndefined();
    vi.unstubAllEnvs();
    expect(warnings).toEqual([expect.stringMatching(/^Still to replace or confirm before launch \(\d+\):\n {2}- src\/content\/settings\.json: "email"/)]);
  });

  test('stops before building a page, with the same words (a real astro build of a copy)', { timeout: 60_000 }, async () => {
    const copy = projectCopy();
    try {
      const build = await promisify(execFile)(process.execPath, [join(copy.root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
        cwd: copy.root,
        env: { ...process.env, CONTEXT: 'production', ASTRO_TELEMETRY_DISABLED: '1' },
      }).then(
        () => ({ failed: false, output: '' }),
        (error: { stdout: string; stderr: string }) => ({ failed: true, output: error.stdout + error.stderr }),
      );
      expect(build.failed).toBe(true);
      expect(build.output).toContain('This production deploy stops here, so that visitors never see an example value.');
      expect(build.output).toContain(EXAMPLES[2]);
      expect(existsSync(join(copy.root, 'dist/index.html'))).toBe(false);
    } finally {
      copy.remove();
    }
  });
});
