/**
 * Checks what the owner still has to do before launch, in plain words that name the file:
 * - mistakes that stop the build: a settings value that fails its check, a markdown file whose
 *   settings block at the top cannot be read, an example team profile that is published (it would
 *   show "Your Name" to visitors);
 * - reminders that only warn: settings that still hold example values, pages with a note to confirm.
 * Runs in every `astro build` / `astro dev`, and on its own with `npm run placeholders`.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import type { AstroIntegration } from 'astro';
import type { z } from 'zod';
import { contentFiles, frontMatterData, MARKDOWN_COLLECTIONS, schemaProblems, type Collections } from './content-check.ts';
import { remainingExamples } from '../lib/example-values.ts';
import { formatList } from '../lib/format-list.ts';
import { frontMatterProblem } from '../lib/front-matter-problem.ts';
import { splitFrontMatter } from '../lib/front-matter.ts';
import { parseSettingsJson } from '../lib/parse-settings-json.ts';
import { siteSettingsSchema, type SiteSettings } from '../lib/settings-schema.ts';

const SETTINGS_FILE = 'src/content/settings.json';

export interface ExampleReport {
  /** Mistakes that stop the build, one line each. */
  errors: string[];
  /** Example values and notes still to replace or confirm, one line each. */
  reminders: string[];
}

/** What is wrong or left for the owner to replace or confirm. */
export async function exampleValueReport(root = '.'): Promise<ExampleReport> {
  const errors: string[] = [];
  const reminders: string[] = [];
  const settings = await readSettings(root, errors);
  if (settings) {
    reminders.push(...remainingExamples(settings).map((key) => `${SETTINGS_FILE}: "${key}" is still an example value`));
  }
  for (const collection of MARKDOWN_COLLECTIONS) {
    for (const { path, text } of await contentFiles(root, collection)) {
      const problem = frontMatterProblem(text);
      if (problem) errors.push(`${path}: ${problem}`);
    }
  }
  for (const { path, text } of await contentFiles(root, 'pages')) {
    const note = frontMatterData(text)?.ownerToConfirm;
    if (typeof note === 'string') reminders.push(`${path}: to confirm: ${note}`);
  }
  for (const { path, text } of await contentFiles(root, 'team')) {
    const problem = publishedExample(frontMatterData(text), splitFrontMatter(text)?.body ?? '');
    if (problem) errors.push(`${path}: ${problem}`);
  }
  return { errors, reminders };
}

/**
 * The settings as far as they could be read, after adding one line per mistake to `errors`;
 * `undefined` when the file cannot be read at all.
 */
async function readSettings(root: string, errors: string[]): Promise<SiteSettings | undefined> {
  let raw: unknown;
  try {
    raw = parseSettingsJson(await readFile(`${root}/${SETTINGS_FILE}`, 'utf8'));
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  const site = raw !== null && typeof raw === 'object' && 'site' in raw ? raw.site : undefined;
  if (site === undefined) {
    errors.push(`${SETTINGS_FILE}: the settings must sit inside one block named "site", as in { "site": { ... } }.`);
    return undefined;
  }
  const result = siteSettingsSchema.safeParse(site, { error: plainMessage });
  if (result.success) return result.data;
  errors.push(...result.error.issues.map((issue) => `${SETTINGS_FILE}: ${fieldName(issue.path)}${issue.message}`));
  // One wrong value must not hide the examples still to replace: list them from the raw file.
  return typeof site === 'object' && site !== null ? (site as SiteSettings) : undefined;
}

/** Plain words for the checks whose schema gives no message of its own. */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return `${names} ${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} this site knows: check the spelling, or remove it.`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'This setting is missing: add it.';
  if (issue.code === 'invalid_type') return `This should be ${article(issue.expected)}.`;
  return undefined;
}

function article(expected: string): string {
  const words: Record<string, string> = { string: 'text in double quotes', number: 'a number', array: 'a list in [ ]', object: 'a block in { }', boolean: 'true or false' };
  return words[expected] ?? expected;
}

/** "hours › item 1 › opens: " for a value inside a list, "" for the settings as a whole. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  return `${path.map((key) => (typeof key === 'number' ? `item ${key + 1}` : String(key))).join(' › ')}: `;
}

/** Why a team entry must not be published as it is, or `undefined` if it is a real profile or a draft. */
function publishedExample(data: Record<string, unknown> | undefined, body: string): string | undefined {
  // Settings that cannot be read are reported by frontMatterProblem().
  if (data === undefined || data.draft === true) return undefined;
  const leftovers = [
    typeof data.name === 'string' && /^Your Name\b/.test(data.name) && 'the name "Your Name"',
    typeof data.photo === 'string' && data.photo.includes('example-therapist.jpg') && 'the example photo (example-therapist.jpg)',
    body.includes('Write a short bio here') && 'the example bio ("Write a short bio here…")',
  ].filter((item) => typeof item === 'string');
  if (leftovers.length === 0) return undefined;
  return (
    `this profile is published (it has no "draft: true") but still shows ${formatList(leftovers)}. ` +
    'Replace the example name, photo and bio with the real ones, or put back "draft: true" to keep it off the site.'
  );
}

function list(heading: string, lines: string[]): string {
  return `${heading} (${lines.length}):\n  - ${lines.join('\n  - ')}`;
}

/** `root`: the project folder to check; tests point it at a copy. */
export function exampleValues({ root = '.' }: { root?: string } = {}): AstroIntegration {
  return {
    name: 'example-values',
    hooks: {
      'astro:config:done': async ({ logger }) => {
        const { errors, reminders } = await exampleValueReport(root);
        if (reminders.length > 0) logger.warn(list('Still to replace or confirm before launch', reminders));
        // A plain Error: Astro prints its message as is, so the owner reads the file and the fix.
        if (errors.length > 0) throw new Error(`\n  - ${errors.join('\n  - ')}\n`);
      },
      // While `npm start` runs, Astro reports a content file it cannot use only in the terminal, and
      // the browser keeps an older page or shows an unrelated error. Check again on every save of a
      // content file and show the plain message in the browser's error overlay.
      'astro:server:setup': ({ server, logger }) => {
        const contentDir = resolve(root, 'src/content') + sep;
        let pending: ReturnType<typeof setTimeout> | undefined;
        let latestRun = 0;
        let schemasUnavailable = false;
        /** The message of the latest check, while it found mistakes. */
        let shownMessage: string | undefined;
        const check = async (run: number) => {
          const { errors } = await exampleValueReport(root);
          // The schemas, loaded through the dev server because content.config.ts imports astro:content.
          const config = (await server.ssrLoadModule('/src/content.config.ts').catch(() => undefined)) as { collections?: Collections } | undefined;
          if (config?.collections) errors.push(...(await schemaProblems(config.collections, root)));
          else if (!schemasUnavailable) {
            schemasUnavailable = true;
            logger.warn('Could not load src/content.config.ts to check content while editing; `npm run build` still checks everything.');
          }
          // A slower check of an older save must not show a mistake that is already fixed.
          if (run !== latestRun) return;
          shownMessage = errors.length > 0 ? list('Fix this, then save again to see your change', errors) : undefined;
          if (!shownMessage) return;
          logger.error(shownMessage);
          show(shownMessage);
        };
        const show = (message: string) => server.hot.send({ type: 'error', err: { message, stack: '' } });
        // Astro reloads the page when a file it could read changes, which clears the overlay: show it
        // again to every page that connects until the mistake is fixed.
        server.ws.on('connection', () => {
          if (shownMessage) show(shownMessage);
        });
        server.watcher.on('all', (_event, path) => {
          const name = basename(path);
          if (!resolve(path).startsWith(contentDir) || name.startsWith('.') || name.startsWith('_') || !/\.(mdx?|json)$/.test(name)) return;
          clearTimeout(pending);
          pending = setTimeout(() => {
            latestRun += 1;
            // Never let a failed check stop the dev server.
            check(latestRun).catch((error: unknown) => logger.warn(`Could not check the content files: ${error instanceof Error ? error.message : String(error)}`));
          }, 200);
        });
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
