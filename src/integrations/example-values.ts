/**
 * What the owner still has to replace or confirm before launch: the example settings, and the
 * pages' notes to confirm, which the content loader keeps as it reads each file
 * (src/lib/content-check.ts), each with where to change it in the content manager. Every build and
 * `npm start` list them once the content is loaded; `npm run placeholders` loads the content the
 * same way (Astro's content sync, no build) and also lists the mistakes that would stop the build.
 *
 * A production deploy (Netlify sets CONTEXT=production) never publishes an example value: there an
 * example setting is a mistake that stops the build before any page is built, so a fictional phone
 * number or address never reaches a visitor. Deploy previews, branch deploys and local builds only
 * list them.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { sync } from 'astro';
import { contentMistakes, notesToConfirm } from '../lib/content-check.ts';
import { checkSettings, loadSettingsFile, remainingExamples, SETTINGS_FILE } from '../lib/site-settings.ts';
import { placeInCms, readCmsConfig, type CmsConfig } from './cms-config.ts';

interface ExampleReport {
  /** Mistakes that stop the build, one line each. */
  errors: string[];
  /** Example values and notes still to replace or confirm, one line each. */
  reminders: string[];
}

/** " (in the content manager: Site settings → … → Phone number)", or nothing if it has no such field. */
function inCms(file: string, path: string[]): string {
  let config: CmsConfig;
  try {
    config = readCmsConfig();
  } catch {
    return '';
  }
  const place = placeInCms(config, file, path);
  return place ? ` (in the content manager: ${place})` : '';
}

/** An example setting, its value when it is one line of text, and where to change it. */
function exampleLine(key: string, site: Record<string, unknown>): string {
  const value = typeof site[key] === 'string' ? ` (${JSON.stringify(site[key])})` : '';
  return `${SETTINGS_FILE}: "${key}"${value} is still an example value${inCms(SETTINGS_FILE, ['site', key])}`;
}

/** The settings' mistakes and example values; in a production deploy, the example values are mistakes too. */
async function settingsReport(context = process.env.CONTEXT): Promise<ExampleReport> {
  try {
    const file = await loadSettingsFile();
    const site = file !== null && typeof file === 'object' && 'site' in file ? file.site : undefined;
    const examples = remainingExamples(site).map((key) => exampleLine(key, (site ?? {}) as Record<string, unknown>));
    const mistakes = checkSettings(file).mistakes;
    if (context !== 'production') return { errors: mistakes, reminders: examples };
    const never = ': a production deploy never publishes an example value: replace it, then remove it from "Example values still to replace" on the same page.';
    return { errors: [...mistakes, ...examples.map((line) => `${line}${never}`)], reminders: [] };
  } catch (error) {
    return { errors: [error instanceof Error ? error.message : String(error)], reminders: [] };
  }
}

/** The notes to confirm, each with where the owner empties it in the content manager. */
function notes(): string[] {
  return notesToConfirm().map((line) => `${line}${inCms(line.slice(0, line.indexOf(': to confirm: ')), ['ownerToConfirm'])}`);
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
  return { errors, reminders: [...reminders, ...notes()] };
}

function list(heading: string, lines: string[]): string {
  return `${heading} (${lines.length}):\n  - ${lines.join('\n  - ')}`;
}

/**
 * Lists the reminders in every build and `npm start`, once the content is loaded; mistakes stop
 * Astro where it meets them. A production build stops here while an example value remains.
 */
export function exampleValues(): AstroIntegration {
  const remind = (context?: string) => async ({ logger }: { logger: AstroIntegrationLogger }) => {
    const { errors, reminders } = await settingsReport(context);
    if (context === 'production' && errors.length > 0) {
      throw new Error(list('This production deploy stops here, so that visitors never see an example value. Fix these, then publish again', errors));
    }
    const all = [...reminders, ...notes()];
    if (all.length > 0) logger.warn(list('Still to replace or confirm before launch', all));
  };
  return {
    name: 'example-values',
    hooks: {
      'astro:build:start': (options) => remind(process.env.CONTEXT)(options),
      'astro:server:start': (options) => remind()(options),
    },
  };
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
