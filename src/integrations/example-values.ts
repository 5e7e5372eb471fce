/**
 * What the owner still has to replace or confirm before launch (example settings, pages with a
 * note to confirm), and the mistakes that would stop the build (settings, the settings block of a
 * markdown file, an example profile published as shipped). Every `astro build` and `astro dev`
 * lists the reminders; `npm run placeholders` lists both, without building.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { parseFrontmatter } from 'astro/markdown';
import { noSettingsMistake, publishedExampleMistake, yamlMistake } from '../lib/content-check.ts';
import { checkSettings, loadSettingsFile, remainingExamples, SETTINGS_FILE } from '../lib/site-settings.ts';

export interface ExampleReport {
  /** Mistakes that stop the build, one line each. */
  errors: string[];
  /** Example values and notes still to replace or confirm, one line each. */
  reminders: string[];
}

/** `root`: the project folder whose markdown files to read, and `settings` its settings file; tests give their own. */
export async function exampleValueReport(root = '.', settings = loadSettingsFile()): Promise<ExampleReport> {
  const errors: string[] = [];
  const reminders: string[] = [];
  try {
    const file = await settings;
    errors.push(...checkSettings(file).mistakes);
    const site = file !== null && typeof file === 'object' && 'site' in file ? file.site : undefined;
    reminders.push(...remainingExamples(site).map((key) => `${SETTINGS_FILE}: "${key}" is still an example value`));
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
      if (typeof entry.data.ownerToConfirm === 'string') reminders.push(`${path}: to confirm: ${entry.data.ownerToConfirm}`);
      const example = collection === 'team' ? publishedExampleMistake(entry) : undefined;
      if (example) errors.push(`${path}: ${example}`);
    }
  }
  return { errors, reminders };
}

function list(heading: string, lines: string[]): string {
  return `${heading} (${lines.length}):\n  - ${lines.join('\n  - ')}`;
}

/** Lists the reminders at the start of every build and `npm start`; mistakes stop Astro where it meets them. */
export function exampleValues(): AstroIntegration {
  return {
    name: 'example-values',
    hooks: {
      'astro:config:done': async ({ logger }) => {
        const { reminders } = await exampleValueReport();
        if (reminders.length > 0) logger.warn(list('Still to replace or confirm before launch', reminders));
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
