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
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { contentMistakes, notesToConfirm } from '../lib/content-check.ts';
import { checkSettings, loadSettingsFile, remainingExamples, SETTINGS_FILE, siteBlock } from '../lib/site-settings.ts';
import { placeInCms, readCmsConfig, type CmsConfig } from './cms-config.ts';

interface ExampleReport {
  /** Mistakes that stop the build, one line each. */
  errors: string[];
  /** Example values and notes still to replace or confirm, one line each. */
  reminders: string[];
}

/** Where a value is changed: " (in the content manager: Site settings → … → Phone number)", or nothing if it has no such field. */
type InCms = (file: string, path: string[]) => string;

/** `InCms` over config.yml, read once for a whole report; nothing at all if it cannot be read. */
function cmsPlaces(): InCms {
  let config: CmsConfig;
  try {
    config = readCmsConfig();
  } catch {
    return () => '';
  }
  return (file, path) => {
    const place = placeInCms(config, file, path);
    return place ? ` (in the content manager: ${place})` : '';
  };
}

/** The settings' mistakes and example values; in a production deploy, the example values are mistakes too. */
async function settingsReport(production: boolean, inCms: InCms): Promise<ExampleReport> {
  try {
    const file = await loadSettingsFile();
    const site = siteBlock(file);
    const values = (site ?? {}) as Record<string, unknown>;
    // Each example setting, its value when it is one line of text, and where to change it.
    const examples = remainingExamples(site).map((key) => {
      const value = typeof values[key] === 'string' ? ` (${JSON.stringify(values[key])})` : '';
      return `${SETTINGS_FILE}: "${key}"${value} is still an example value${inCms(SETTINGS_FILE, ['site', key])}`;
    });
    const mistakes = checkSettings(file).mistakes;
    if (!production) return { errors: mistakes, reminders: examples };
    const never = ': a production deploy never publishes an example value: replace it, then remove it from "Example values still to replace" on the same page.';
    return { errors: [...mistakes, ...examples.map((line) => `${line}${never}`)], reminders: [] };
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
  const inCms = cmsPlaces();
  const { errors, reminders } = await settingsReport(process.env.CONTEXT === 'production', inCms);
  try {
    await sync({ configFile: false, logLevel: 'silent' });
  } catch (error) {
    const mistakes = contentMistakes();
    errors.push(...(mistakes.length > 0 ? mistakes : [error instanceof Error ? error.message : String(error)]));
  }
  return { errors, reminders: [...reminders, ...notesToConfirm((file) => inCms(file, ['ownerToConfirm'])), ...teamReminder()] };
}

const TEAM = 'src/content/team';

/** A launch reminder while the About page has no one to show: every profile is a draft, or there is none. */
function teamReminder(): string[] {
  const published = existsSync(TEAM) && readdirSync(TEAM)
    .filter((file) => /\.mdx?$/.test(file))
    .some((file) => parse(readFileSync(`${TEAM}/${file}`, 'utf8').split(/^---$/m)[1] ?? '')?.draft !== true);
  return published ? [] : [`${TEAM}: no therapist profile published yet (in the content manager: Team)`];
}

function list(heading: string, lines: string[]): string {
  return `${heading} (${lines.length}):\n  - ${lines.join('\n  - ')}`;
}

/**
 * Lists the reminders in every build and `npm start`, once the content is loaded; mistakes stop
 * Astro where it meets them. A production build stops here while an example value remains;
 * `npm start` only lists them, whatever CONTEXT says.
 */
export function exampleValues(): AstroIntegration {
  const remind = (production: boolean) => async ({ logger }: { logger: AstroIntegrationLogger }) => {
    const inCms = cmsPlaces();
    const { errors, reminders } = await settingsReport(production, inCms);
    if (production && errors.length > 0) {
      throw new Error(list('This production deploy stops here, so that visitors never see an example value. Fix these, then publish again', errors));
    }
    const all = [...reminders, ...notesToConfirm((file) => inCms(file, ['ownerToConfirm'])), ...teamReminder()];
    if (all.length > 0) logger.warn(list('Still to replace or confirm before launch', all));
  };
  return {
    name: 'example-values',
    hooks: {
      'astro:build:start': (options) => remind(process.env.CONTEXT === 'production')(options),
      'astro:server:start': (options) => remind(false)(options),
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
