import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { exampleValueReport, exampleValues } from '../../../src/integrations/example-values.ts';
import { z } from 'zod';
import { placeInCms, readCmsConfig } from '../../../src/integrations/cms-config.ts';
import { loadSettingsFile, siteSettingsSchema } from '../../../src/lib/site-settings.ts';
import { projectCopy } from '../../support/project-copy.ts';

test('the project lists every example value and every note still to confirm, where to change each in the content manager, and nothing that stops the build', async () => {
  const { errors, reminders } = await exampleValueReport('.', loadSettingsFile(), 'dev');
  expect(errors).toEqual([]);
  expect(reminders).toEqual(
    expect.arrayContaining([
      'src/content/settings.json: "phone" ("(801) 555-0142") is still an example value (in the content manager: Site settings → Contact details and site words → Phone number)',
      expect.stringMatching(/^src\/content\/settings\.json: "email" \("hello@example\.com"\) is still an example value \(in the content manager: .* → Email address\)$/),
      expect.stringMatching(/^src\/content\/settings\.json: "studioAddress" is still an example value \(in the content manager: .* → Studio address\)$/),
      expect.stringMatching(/^src\/content\/pages\/fees\.md: to confirm: .*Good Faith Estimate.* \(in the content manager: Pages → Fees and insurance → Note to confirm/),
    ]),
  );
});

test('every setting that can be an example value can be changed in the content manager, and the checklist says where', async () => {
  const cms = readCmsConfig();
  const keys = (z.toJSONSchema(siteSettingsSchema, { io: 'input' }) as { properties: { examplesToReplace: { items: { enum: string[] } } } }).properties.examplesToReplace.items.enum;
  expect(keys.length).toBeGreaterThan(10);
  for (const key of keys) expect(placeInCms(cms, 'src/content/settings.json', ['site', key]), key).toMatch(/^Site settings → Contact details and site words → \S/);
  const { reminders } = await exampleValueReport('.', loadSettingsFile(), 'dev');
  for (const line of reminders) expect(line).toMatch(/\(in the content manager: (Site settings|Pages) → .+\)$/);
});

describe('a production deploy never publishes an example value', () => {
  /** settings.json with every example replaced. */
  const replaced = async () => {
    const { site } = (await loadSettingsFile()) as { site: Record<string, unknown> };
    return {
      site: { ...site, siteUrl: 'https://www.pureprogression.example', phone: '(801) 766-2210', email: 'hello@pureprogression.example', studioAddress: { street: '350 N Main St', city: 'Lehi', region: 'UT', postalCode: '84043' }, examplesToReplace: [] },
    };
  };

  test('in production every example value is a mistake that names it and where to change it in the content manager', async () => {
    const { errors, reminders } = await exampleValueReport('.', loadSettingsFile(), 'production');
    expect(errors).toHaveLength(6);
    expect(errors).toContain(
      'src/content/settings.json: "phone" ("(801) 555-0142") is still an example value (in the content manager: Site settings → Contact details and site words → Phone number): a production deploy never publishes an example value: replace it, then remove it from "Example values still to replace" on the same page.',
    );
    expect(errors.map((line) => /"(\w+)"/.exec(line)?.[1])).toEqual(['email', 'hours', 'phone', 'serviceArea', 'siteUrl', 'studioAddress']);
    // Notes to confirm are never shown on the site: still reminders.
    expect(reminders).toEqual([expect.stringMatching(/^src\/content\/pages\/fees\.md: to confirm/), expect.stringMatching(/^src\/content\/pages\/privacy\.md: to confirm/)]);
  });

  test('a value that still looks like an example counts, even when taken off the list', async () => {
    const settings = await replaced();
    const { errors } = await exampleValueReport('.', Promise.resolve({ site: { ...settings.site, phone: '801-555-0199' } }), 'production');
    expect(errors).toEqual([expect.stringMatching(/^src\/content\/settings\.json: "phone" \("801-555-0199"\) is still an example value/)]);
  });

  test.each(['deploy-preview', 'branch-deploy', 'dev', undefined])('in the %s context they are only listed', async (context) => {
    const { errors, reminders } = await exampleValueReport('.', loadSettingsFile(), context);
    expect(errors).toEqual([]);
    expect(reminders.filter((line) => line.includes('is still an example value'))).toHaveLength(6);
  });

  test('once each is replaced, production builds', async () => {
    expect((await exampleValueReport('.', replaced(), 'production')).errors).toEqual([]);
  });

  test('the build hook stops a production build, and lets every other build through', async () => {
    const hook = exampleValues().hooks['astro:build:start'] as () => Promise<void>;
    vi.stubEnv('CONTEXT', 'production');
    await expect(hook()).rejects.toThrow(/^This production deploy stops here, so that visitors never see an example value\. Fix these, then publish again \(6\):\n {2}- src\/content\/settings\.json: "email"/);
    vi.stubEnv('CONTEXT', 'deploy-preview');
    await expect(hook()).resolves.toBeUndefined();
    vi.unstubAllEnvs();
  });

  test('a real production build stops before building a page, with the same words', async () => {
    const copy = projectCopy();
    try {
      const build = spawnSync(process.execPath, [join(copy.root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
        cwd: copy.root,
        env: { ...process.env, CONTEXT: 'production', ASTRO_TELEMETRY_DISABLED: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(build.status).toBe(1);
      expect(build.stdout + build.stderr).toContain('This production deploy stops here, so that visitors never see an example value.');
      expect(build.stdout + build.stderr).toContain('"phone" ("(801) 555-0142") is still an example value (in the content manager: Site settings → Contact details and site words → Phone number)');
      expect(existsSync(join(copy.root, 'dist/index.html'))).toBe(false);
    } finally {
      copy.remove();
    }
  }, 60_000);
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
    const { errors, reminders } = await exampleValueReport(root, Promise.resolve({ site: { ...file.site, phone: '801-766-123' } }), 'dev');
    expect(errors).toEqual(['src/content/settings.json: phone: Write the phone number with its area code, like "(801) 555-0142".']);
    expect(reminders).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^src\/content\/settings\.json: "email" .*is still an example value/),
        expect.stringMatching(/^src\/content\/settings\.json: "studioAddress" is still an example value/),
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
