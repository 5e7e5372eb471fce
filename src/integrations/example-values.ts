/**
 * The launch checklist. A value the site was delivered with stays named in its file's
 * `examplesToReplace` (settings.json, the example profile) until the owner replaces it, and a page's
 * `ownerToConfirm` is a note to check: every build and `npm start` list both, named as the content
 * manager shows them. A production deploy (Netlify sets CONTEXT=production) never publishes an
 * example value: it stops before any page is built, with one line per value. A draft is never
 * published, so its example values only remind. `npm run placeholders` prints the same lists and
 * loads the content as the build would, so it also shows a mistake that would stop the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { sync } from 'astro';
import { parseFrontmatter } from 'astro/markdown';
import { SETTINGS_FILE } from '../lib/site-settings.ts';
import { placeInCms, readCmsConfig } from './cms-config.ts';

/** Each content file's values: settings.json's "site" block, each markdown file's settings; one that cannot be read is Astro's to report. */
function contentFiles(root: string): Array<{ file: string; at: string[]; data: Record<string, unknown> }> {
  const read = (file: string, at: string[], parse: (text: string) => Record<string, unknown>) => {
    try {
      return [{ file, at, data: parse(readFileSync(join(root, file), 'utf8')) ?? {} }];
    } catch {
      return [];
    }
  };
  const markdown = readdirSync(join(root, 'src/content'), { recursive: true, encoding: 'utf8' }).filter((name) => /\.mdx?$/.test(name));
  return [
    ...read(SETTINGS_FILE, ['site'], (text) => JSON.parse(text).site),
    ...markdown.flatMap((name) => read(`src/content/${name.split(sep).join('/')}`, [], (text) => parseFrontmatter(text).frontmatter)),
  ];
}

/** The example values a production deploy refuses, and what is only a reminder, one line each. */
export function checklist(production: boolean, root = '.'): { refused: string[]; reminders: string[] } {
  let config: ReturnType<typeof readCmsConfig> | undefined;
  try {
    config = readCmsConfig();
  } catch {
    config = undefined;
  }
  const refused: string[] = [];
  const reminders: string[] = [];
  const files = contentFiles(root);
  // The About page shows no team section until a profile is published.
  if (!files.some(({ file, data }) => file.startsWith('src/content/team/') && data.draft !== true)) {
    reminders.push('Team: no therapist profile published yet');
  }
  for (const { file, at, data } of files) {
    const entry = [data.name, data.question, data.title].find((value) => typeof value === 'string');
    /** "Team → “Your Name” → Full name", "Site settings → Contact details and site words → Phone number". */
    const where = (key: string) => {
      const place = (config && placeInCms(config, file, [...at, key])) ?? `${file} › ${key}`;
      return at.length === 0 && place.split(' → ').length === 2 && entry ? place.replace(' → ', ` → “${entry}” → `) : place;
    };
    const examples = Array.isArray(data.examplesToReplace) ? data.examplesToReplace.map(String) : [];
    for (const key of examples) {
      const value = typeof data[key] === 'string' ? ` “${data[key]}”` : '';
      if (!production || data.draft === true) reminders.push(`${where(key)}: still the example${value}`);
      else refused.push(`${where(key)}: still the example${value}${at.length ? '' : ` (or switch on ${where('draft').split(' → ').at(-1)})`}`);
    }
    if (typeof data.ownerToConfirm === 'string') reminders.push(`${where('ownerToConfirm')}: ${data.ownerToConfirm}`);
  }
  return { refused, reminders };
}

const list = (heading: string, lines: string[]) => `${heading}\n  - ${lines.join('\n  - ')}`;

export const REFUSED =
  'This production deploy stopped, so that visitors never see an example value; the live site stays as it was. Change these in the content manager, then publish again:';
const REPLACED = 'Once a value is replaced, remove it from “Example values still to replace” on the same page.';
const REMINDERS = 'Still to replace or confirm before launch:';

/** Lists the checklist in every build and `npm start`; a production build with an example value left stops here, with that list only. */
export function exampleValues(): AstroIntegration {
  const report = (production: boolean, logger: AstroIntegrationLogger) => {
    const { refused, reminders } = checklist(production);
    if (refused.length > 0) {
      logger.error(`${list(REFUSED, refused)}\n${REPLACED}`);
      process.exit(1);
    }
    if (reminders.length > 0) logger.warn(list(REMINDERS, reminders));
  };
  return {
    name: 'example-values',
    hooks: {
      'astro:build:start': ({ logger }) => report(process.env.CONTEXT === 'production', logger),
      'astro:server:start': ({ logger }) => report(false, logger),
    },
  };
}

if (import.meta.main) {
  const { refused, reminders } = checklist(process.env.CONTEXT === 'production');
  if (refused.length > 0) console.log(`${list(REFUSED, refused)}\n${REPLACED}`);
  try {
    await sync({ configFile: false, logLevel: 'silent' });
  } catch (error) {
    console.log(list('Mistakes to fix before the site can build:', [error instanceof Error ? error.message : String(error)]));
    process.exitCode = 1;
  }
  if (refused.length > 0) process.exitCode = 1;
  if (reminders.length > 0) console.log(list(REMINDERS, reminders));
  if (refused.length === 0 && reminders.length === 0 && !process.exitCode) console.log('No example values remain. The site is ready to publish.');
}
