import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { placeInCms, readCmsConfig } from '../../../src/integrations/cms-config.ts';
import { checklist, REFUSED } from '../../../src/integrations/example-values.ts';
import { EXAMPLE_KEYS } from '../../../src/lib/site-settings.ts';
import { CONTENT_SOURCES, projectCopy } from '../../support/project-copy.ts';

const setting = (label: string) => `Site settings → Contact details and site words → ${label}: still the example`;
const SETTINGS = [
  `${setting('Website address')} “https://www.example.com”`,
  `${setting('Phone number')} “(801) 555-0142”`,
  `${setting('Email address')} “hello@example.com”`,
  `${setting('When you reply')} “within two business days”`,
  setting('Studio address'),
  setting('Opening hours'),
  setting('Cities you travel to'),
];
const PROFILE = expect.stringMatching(/^Team → “Your Name” → (Full name|Role|Photo|Photo description|About them \(bio\)): still the example/);
const NOTES = ['Accessibility statement', 'Fees and insurance', 'Privacy notice', 'Thank-you page (after sending the form)'].map((page) => expect.stringMatching(new RegExp(`^Pages → ${page.replace(/[()]/g, '\\$&')} → Note to confirm \\(never shown on the site\\): \\S`)));

const NO_PROFILE = 'Team: no therapist profile published yet';

/** A copy of the content (and the content manager's labels) to change; removed after `use`. */
function withContent(change: (root: string) => void, use: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'examples-'));
  try {
    for (const path of ['src/content', 'public/admin/config.yml']) cpSync(path, join(root, path), { recursive: true });
    change(root);
    use(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('every build lists each example value and note to confirm, named as the content manager shows it', () => {
  const { refused, reminders } = checklist(false);
  expect(refused).toEqual([]);
  expect(reminders).toEqual(expect.arrayContaining([...SETTINGS, ...NOTES]));
  expect(reminders.filter((line) => line.startsWith('Team →'))).toEqual([PROFILE, PROFILE, PROFILE, PROFILE, PROFILE]);
  expect(reminders).toContain(NO_PROFILE);
  expect(reminders).toHaveLength(SETTINGS.length + NOTES.length + 5 + 1);
});

test('a production deploy refuses the example settings, one line each; the hidden example profile and the notes only remind', () => {
  const { refused, reminders } = checklist(true);
  expect(refused).toEqual(SETTINGS);
  expect(reminders).toHaveLength(NOTES.length + 5 + 1);
});

test('a value replaced and taken off the list is no longer named', () => {
  const settings = (root: string) => join(root, 'src/content/settings.json');
  withContent(
    (root) => writeFileSync(settings(root), readFileSync(settings(root), 'utf8').replace(/"examplesToReplace": \[[^\]]*\]/, '"examplesToReplace": ["phone"]')),
    (root) => expect(checklist(true, root).refused).toEqual([SETTINGS[1]]),
  );
});

test('the example profile switched to published is refused in production, naming each box and the draft switch', () => {
  const profile = (root: string) => join(root, 'src/content/team/example-therapist/index.md');
  withContent(
    (root) => writeFileSync(profile(root), readFileSync(profile(root), 'utf8').replace('draft: true', 'draft: false')),
    (root) => {
      expect(checklist(true, root).refused.slice(-2)).toEqual([
        'Team → “Your Name” → Photo description: still the example “Placeholder silhouette to replace with a photo of the therapist” (or switch on Hidden from the site (draft))',
        'Team → “Your Name” → About them (bio): still the example (or switch on Hidden from the site (draft))',
      ]);
      expect(checklist(false, root).refused).toEqual([]);
      expect(checklist(false, root).reminders).not.toContain(NO_PROFILE);
    },
  );
});

test('every setting that can be an example value has its place in the content manager', () => {
  const cms = readCmsConfig();
  for (const key of EXAMPLE_KEYS) expect(placeInCms(cms, 'src/content/settings.json', ['site', key]), key).toMatch(/^Site settings → Contact details and site words → \S/);
});

test('a production build stops before any page, with one short list and no stack trace (a real astro build of a copy)', { timeout: 180_000 }, async () => {
  const copy = projectCopy();
  try {
    // A profile whose photo was deleted in the content manager, beside the example values.
    mkdirSync(join(copy.root, 'src/content/team/jane-doe'));
    writeFileSync(join(copy.root, 'src/content/team/jane-doe/index.md'), '---\nname: Jane Doe\nrole: Music therapist\nphoto: jane.jpg\nphotoAlt: Jane smiling, holding a guitar\n---\nJane trained in Utah.\n');
    const build = await promisify(execFile)(process.execPath, [join(copy.root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: copy.root,
      env: { ...process.env, CONTEXT: 'production', ASTRO_TELEMETRY_DISABLED: '1' },
    }).then(
      () => ({ failed: false, output: '' }),
      (error: { stdout: string; stderr: string }) => ({ failed: true, output: error.stdout + error.stderr }),
    );
    expect(build.failed).toBe(true);
    const refusal = build.output.slice(build.output.indexOf(REFUSED));
    expect(refusal.split('\n').slice(1, 2 + SETTINGS.length)).toEqual(
      ['src/content/team/jane-doe/index.md: Photo: the photo jane.jpg is not there any more (deleted or renamed): choose a photo again.', ...SETTINGS].map((line) => `  - ${line}`),
    );
    expect(build.output).not.toMatch(/unhandled error|Stack trace|^\s+at /m);
    expect(existsSync(join(copy.root, 'dist/index.html'))).toBe(false);
  } finally {
    copy.remove();
  }
});

test('npm run placeholders lists a mistake that would stop the build, and the reminders', { timeout: 60_000 }, async () => {
  const copy = projectCopy('.', CONTENT_SOURCES);
  try {
    writeFileSync(join(copy.root, 'src/content/faq/broken.md'), '---\nquestion: Is it broken\n---\nYes.\n');
    const run = await promisify(execFile)(process.execPath, ['src/integrations/example-values.ts'], { cwd: copy.root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTEXT: 'dev' } }).catch(
      (error: { stdout: string; code: number }) => error,
    );
    expect('code' in run && run.code).toBe(1);
    expect(run.stdout).toMatch(/^Mistakes to fix before the site can build.*:\n {2}- src\/content\/faq\/broken\.md: Question: End the question with a question mark\.$/m);
    expect(run.stdout).toContain(`  - ${SETTINGS[1]}`);
  } finally {
    copy.remove();
  }
});
