/**
 * Checks what the owner still has to do before launch, in plain words that name the file:
 * - mistakes that stop the build: a settings value that fails its check, a markdown file whose
 *   settings block at the top cannot be read, an example team profile that is published (it would
 *   show "Your Name" to visitors);
 * - reminders that only warn: settings that still hold example values, pages with a note to confirm.
 * Runs in every `astro build` / `astro dev`, and on its own with `npm run placeholders`.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import type { z } from 'zod';
import { MARKDOWN_COLLECTIONS, schemaProblems, type Collections } from '../lib/content-check.ts';
import { remainingExamples } from '../lib/example-values.ts';
import { formatList } from '../lib/format-list.ts';
import { frontMatterProblem } from '../lib/front-matter-problem.ts';
import { parseSettingsJson } from '../lib/parse-settings-json.ts';
import { siteSettingsSchema, type SiteSettings } from '../lib/settings-schema.ts';

const SETTINGS_FILE = 'src/content/settings.json';
const PAGES_DIR = 'src/content/pages';
const TEAM_DIR = 'src/content/team';
const MARKDOWN_DIRS = MARKDOWN_COLLECTIONS.map((collection) => `src/content/${collection}`);

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
  for (const dir of MARKDOWN_DIRS) {
    for (const file of await markdownFiles(`${root}/${dir}`)) {
      const problem = frontMatterProblem(await readFile(`${root}/${dir}/${file}`, 'utf8'));
      if (problem) errors.push(`${dir}/${file}: ${problem}`);
    }
  }
  for (const file of await markdownFiles(`${root}/${PAGES_DIR}`)) {
    const [frontMatter] = splitEntry(await readFile(`${root}/${PAGES_DIR}/${file}`, 'utf8'));
    const note = /^ownerToConfirm:\s*(.+)$/m.exec(frontMatter);
    if (note) reminders.push(`${PAGES_DIR}/${file}: to confirm: ${note[1]}`);
  }
  for (const file of await markdownFiles(`${root}/${TEAM_DIR}`)) {
    const problem = publishedExample(...splitEntry(await readFile(`${root}/${TEAM_DIR}/${file}`, 'utf8')));
    if (problem) errors.push(`${TEAM_DIR}/${file}: ${problem}`);
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
function publishedExample(frontMatter: string, body: string): string | undefined {
  if (/^draft:\s*true\s*(#.*)?$/m.test(frontMatter)) return undefined;
  const leftovers = [
    /^name:\s*["']?Your Name\b/m.test(frontMatter) && 'the name "Your Name"',
    /^photo:.*example-therapist\.jpg/m.test(frontMatter) && 'the example photo (example-therapist.jpg)',
    body.includes('Write a short bio here') && 'the example bio ("Write a short bio here…")',
  ].filter((item) => typeof item === 'string');
  if (leftovers.length === 0) return undefined;
  return (
    `this profile is published (it has no "draft: true") but still shows ${formatList(leftovers)}. ` +
    'Replace the example name, photo and bio with the real ones, or put back "draft: true" to keep it off the site.'
  );
}

/** The front matter (between the first two `---` lines) and the text after it. */
function splitEntry(text: string): [string, string] {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return match ? [match[1] ?? '', match[2] ?? ''] : ['', text];
}

async function markdownFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => /\.mdx?$/.test(name)).sort();
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
      // While `npm start` runs, Astro keeps showing the last good version of a file it cannot read,
      // and says so only in the terminal. Check again on every save and show the mistake in the browser.
      'astro:server:setup': ({ server, logger }) => {
        let pending: ReturnType<typeof setTimeout> | undefined;
        server.watcher.on('all', (_event, path) => {
          if (!/[\\/]src[\\/]content[\\/]/.test(path)) return;
          clearTimeout(pending);
          pending = setTimeout(async () => {
            const { errors } = await exampleValueReport(root);
            // The schemas, loaded through the dev server because content.config.ts imports astro:content.
            const config = (await server.ssrLoadModule('/src/content.config.ts').catch(() => undefined)) as { collections?: Collections } | undefined;
            if (config?.collections) errors.push(...(await schemaProblems(config.collections, root)));
            if (errors.length === 0) return;
            const message = list('Fix this to see your change (until then the site shows the last version that worked)', errors);
            logger.error(message);
            server.hot.send({ type: 'error', err: { message, stack: '' } });
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
