/**
 * What the owner still has to replace or confirm before launch (example settings, pages with a
 * note to confirm), each with where to change it in the content manager, and the mistakes that
 * would stop the build (settings, the settings block of a markdown file, an example profile
 * published as shipped). Every `astro build` and `astro dev` lists the reminders; `npm run
 * placeholders` lists both, without building.
 *
 * A production deploy (Netlify sets CONTEXT=production) never publishes an example value: there an
 * example setting is a mistake that stops the build, so a fictional phone number or address never
 * reaches a visitor. Deploy previews, branch deploys and local builds only list them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { parseFrontmatter } from 'astro/markdown';
import { noSettingsMistake, publishedExampleMistake, yamlMistake } from '../lib/content-check.ts';
import { checkSettings, loadSettingsFile, remainingExamples, SETTINGS_FILE } from '../lib/site-settings.ts';
import { placeInCms, readCmsConfig, type CmsConfig } from './cms-config.ts';

export interface ExampleReport {
  /** Mistakes that stop the build, one line each. */
  errors: string[];
  /** Example values and notes still to replace or confirm, one line each. */
  reminders: string[];
}

/** " (in the content manager: Site settings → … → Phone number)", or nothing if the CMS has no such field. */
function inCms(cms: CmsConfig | undefined, file: string, path: string[]): string {
  const place = cms && placeInCms(cms, file, path);
  return place ? ` (in the content manager: ${place})` : '';
}

/** One example setting, its value when it is one line of text, and where to change it. */
function exampleLine(key: string, site: unknown, cms: CmsConfig | undefined): string {
  const value = site !== null && typeof site === 'object' ? (site as Record<string, unknown>)[key] : undefined;
  return `${SETTINGS_FILE}: "${key}"${typeof value === 'string' ? ` (${JSON.stringify(value)})` : ''} is still an example value${inCms(cms, SETTINGS_FILE, ['site', key])}`;
}

/**
 * `root`: the project folder whose markdown files to read, and `settings` its settings file; tests
 * give their own. `context`: Netlify's deploy context; in "production" example settings are errors.
 */
export async function exampleValueReport(root = '.', settings = loadSettingsFile(), context = process.env.CONTEXT): Promise<ExampleReport> {
  const errors: string[] = [];
  const reminders: string[] = [];
  let cms: CmsConfig | undefined;
  try {
    cms = readCmsConfig();
  } catch {
    // Without the content manager's configuration the lines only lack its directions.
  }
  try {
    const file = await settings;
    errors.push(...checkSettings(file).mistakes);
    const site = file !== null && typeof file === 'object' && 'site' in file ? file.site : undefined;
    const examples = remainingExamples(site).map((key) => exampleLine(key, site, cms));
    if (context === 'production') errors.push(...examples.map((line) => `${line}: a production deploy never publishes an example value: replace it, then remove it from "Example values still to replace" on the same page.`));
    else reminders.push(...examples);
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  for (const collection of ['locations', 'faq', 'pages', 'team']) {
    const dir = `src/content/${collection}`;
    // Names starting with "." or "_" (editor lock files, macOS "._" copies) are not content.
    const names = (await readdir(join(root, dir), { recursive: true }).catch(() => [] as string[])).filter((name) => /(^|\/)[^._/][^/]*\.mdx?$/.test(name));
    for (const name of names.sort()) {
      const path = `${dir}/${name}`;
      const text = await readFile(join(root, path), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      let entry: { data: Record<string, unknown>; body: string };
      try {
        const { frontmatter, content } = parseFrontmatter(text);
        entry = { data: frontmatter, body: content };
      } catch (error) {
        errors.push(`${path}: ${yamlMistake(error, text) ?? String(error)}`);
        continue;
      }
      if (Object.keys(entry.data).length === 0) errors.push(`${path}: ${noSettingsMistake(text)}`);
      if (typeof entry.data.ownerToConfirm === 'string') reminders.push(`${path}: to confirm: ${entry.data.ownerToConfirm}${inCms(cms, path, ['ownerToConfirm'])}`);
      const example = collection === 'team' ? publishedExampleMistake(entry) : undefined;
      if (example) errors.push(`${path}: ${example}`);
    }
  }
  return { errors, reminders };
}

function list(heading: string, lines: string[]): string {
  return `${heading} (${lines.length}):\n  - ${lines.join('\n  - ')}`;
}

/**
 * Lists the reminders at the start of every build and `npm start`; mistakes stop Astro where it
 * meets them. A production build stops before building a page while any example value remains.
 */
export function exampleValues(): AstroIntegration {
  return {
    name: 'example-values',
    hooks: {
      'astro:config:done': async ({ logger }) => {
        const { reminders } = await exampleValueReport();
        if (reminders.length > 0) logger.warn(list('Still to replace or confirm before launch', reminders));
      },
      'astro:build:start': async () => {
        if (process.env.CONTEXT !== 'production') return;
        const { errors } = await exampleValueReport();
        if (errors.length > 0) throw new Error(list('This production deploy stops here, so that visitors never see an example value. Fix these, then publish again', errors));
      },
    },
  };
}

if (import.meta.main) {
  const { errors, reminders } = await exampleValueReport();
  if (errors.length > 0) {
    console.log(list('Mistakes to fix before the site can build', errors));
    process.exitCode = 1;
  }
  if (reminders.length > 0) console.log(list('Still to replace or confirm before launch', reminders));
  if (errors.length === 0 && reminders.length === 0) console.log('No example values remain. The site is ready to publish.');
}
