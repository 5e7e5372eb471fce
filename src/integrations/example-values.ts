/**
 * What the owner still has to replace or confirm before launch: the example settings, and the
 * pages' notes to confirm, which the content loader keeps as it reads each file
 * (src/lib/content-check.ts). Every build and `npm start` list them once the content is loaded;
 * `npm run placeholders` loads the content the same way (Astro's content sync, no build) and also
 * lists the mistakes that would stop the build.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { sync } from 'astro';
import { contentMistakes, notesToConfirm } from '../lib/content-check.ts';
import { checkSettings, loadSettingsFile, remainingExamples, SETTINGS_FILE } from '../lib/site-settings.ts';

interface ExampleReport {
  /** Mistakes that stop the build, one line each. */
  errors: string[];
  /** Example values and notes still to replace or confirm, one line each. */
  reminders: string[];
}

/** The settings' mistakes and example values. */
async function settingsReport(): Promise<ExampleReport> {
  try {
    const file = await loadSettingsFile();
    const site = file !== null && typeof file === 'object' && 'site' in file ? file.site : undefined;
    const reminders = remainingExamples(site).map((key) => `${SETTINGS_FILE}: "${key}" is still an example value`);
    return { errors: checkSettings(file).mistakes, reminders };
  } catch (error) {
    return { errors: [error instanceof Error ? error.message : String(error)], reminders: [] };
  }
}

/**
 * The whole report: the content is loaded by Astro's content sync with the site's own loaders,
 * which stops at a mistake as the build would. The settings are checked on their own
 * (astro.config.mjs is not loaded), so a mistake there hides no note to confirm.
 */
async function exampleValueReport(): Promise<ExampleReport> {
  const { errors, reminders } = await settingsReport();
  try {
    await sync({ configFile: false, logLevel: 'silent' });
  } catch (error) {
    const mistakes = contentMistakes();
    errors.push(...(mistakes.length > 0 ? mistakes : [error instanceof Error ? error.message : String(error)]));
  }
  return { errors, reminders: [...reminders, ...notesToConfirm()] };
}

function list(heading: string, lines: string[]): string {
  return `${heading} (${lines.length}):\n  - ${lines.join('\n  - ')}`;
}

/** Lists the reminders in every build and `npm start`, once the content is loaded; mistakes stop Astro where it meets them. */
export function exampleValues(): AstroIntegration {
  const remind = async ({ logger }: { logger: AstroIntegrationLogger }) => {
    const reminders = [...(await settingsReport()).reminders, ...notesToConfirm()];
    if (reminders.length > 0) logger.warn(list('Still to replace or confirm before launch', reminders));
  };
  return { name: 'example-values', hooks: { 'astro:build:start': remind, 'astro:server:start': remind } };
}

if (import.meta.main) {
  const { errors, reminders } = await exampleValueReport();
  if (errors.length > 0) {
    console.log(list('Mistakes to fix before the site can build', errors));
    // Loading stops at a content mistake, so the notes of files not yet read are missing below.
    console.log('Run npm run placeholders again once they are fixed: files after a mistake may not have been read.');
    process.exitCode = 1;
  }
  if (reminders.length > 0) console.log(list('Still to replace or confirm before launch', reminders));
  if (errors.length === 0 && reminders.length === 0) console.log('No example values remain. The site is ready to publish.');
}
