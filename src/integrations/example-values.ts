/**
 * Lists the site settings that still hold example values, so the owner knows what to replace before
 * launch: as a warning in every `astro build` / `astro dev`, and on its own with `npm run placeholders`.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { remainingExamples } from '../lib/example-values.ts';
import { siteSettingsSchema } from '../lib/settings-schema.ts';

const SETTINGS_FILE = 'src/content/settings.json';
const PAGES_DIR = 'src/content/pages';

/** What is left for the owner to replace or confirm, one line each. */
export async function exampleValueReport(root = '.'): Promise<string[]> {
  const raw = JSON.parse(await readFile(`${root}/${SETTINGS_FILE}`, 'utf8')) as { site?: unknown };
  const settings = siteSettingsSchema.parse(raw.site);
  const lines = remainingExamples(settings).map((key) => `${SETTINGS_FILE}: "${key}" is still an example value`);
  for (const file of (await readdir(`${root}/${PAGES_DIR}`)).sort()) {
    const text = await readFile(`${root}/${PAGES_DIR}/${file}`, 'utf8');
    const note = /^ownerToConfirm:\s*(.+)$/m.exec(text.split(/^---$/m)[1] ?? '');
    if (note) lines.push(`${PAGES_DIR}/${file}: to confirm: ${note[1]}`);
  }
  return lines;
}

export function exampleValues(): AstroIntegration {
  return {
    name: 'example-values',
    hooks: {
      'astro:config:done': async ({ logger }) => {
        const lines = await exampleValueReport();
        if (lines.length === 0) return;
        logger.warn(`Still to replace or confirm before launch (${lines.length}):\n  - ${lines.join('\n  - ')}`);
      },
    },
  };
}

if (import.meta.main) {
  const lines = await exampleValueReport();
  console.log(
    lines.length === 0
      ? 'No example values remain. The site is ready to publish.'
      : `Still to replace or confirm before launch (${lines.length}):\n  - ${lines.join('\n  - ')}`,
  );
}
