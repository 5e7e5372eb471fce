/**
 * The launch checklist for every build, `npm start` and `npm run placeholders`: each content file checked
 * with its collection's schema (where the messages live), and no question asked twice. A build refuses a
 * mistake, a production deploy (CONTEXT=production) also a value still in a published file's
 * `examplesToReplace`: before Astro reads the content, a line per value, no stack trace.
 */
import { existsSync, globSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { parseFrontmatter } from 'astro/markdown';
import { z } from 'astro/zod';
import { collections } from '../content.config.ts';
import type { checkedGlob } from '../lib/content-check.ts';
import { checkSettings, plainMessage, SETTINGS_FILE } from '../lib/site-settings.ts';
import { placeInCms, readCmsConfig } from './cms-config.ts';

type Checked = { loader: ReturnType<typeof checkedGlob>; schema: z.ZodType | ((context: { image: () => z.ZodType }) => z.ZodType) };
/** What a build refuses (mistakes, and in production example values) and what only reminds, one line each. */
export function checklist(production: boolean, root = '.'): { refused: string[]; reminders: string[] } {
  const cms = readCmsConfig(readFileSync(join(root, 'public/admin/config.yml'), 'utf8'));
  const refused: string[] = [];
  const files: Array<{ file: string; at: string[]; data: Record<string, unknown> }> = [];
  // A typing mistake in settings.json stops astro.config first, with the owner's message (src/lib/site-settings.ts).
  const settings = JSON.parse(readFileSync(join(root, SETTINGS_FILE), 'utf8'));
  refused.push(...checkSettings(settings).mistakes);
  files.push({ file: SETTINGS_FILE, at: ['site'], data: settings.site ?? {} });
  for (const { loader, schema } of Object.values(collections) as unknown as Checked[]) {
    const { base, pattern, unique } = loader.files;
    const patterns = [pattern].flat();
    const names = globSync(patterns.filter((p) => !p.startsWith('!')), { cwd: join(root, base), exclude: patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)) });
    const seen = new Map<string, string>();
    for (const file of names.sort().map((name) => join(base, name))) {
      const mistake = (path: readonly PropertyKey[], message: string) => {
        const box = path.length ? (placeInCms(cms, file, path.map(String))?.split(' → ').at(-1) ?? path.join(' › ')) : '';
        refused.push(`${file}: ${box && `${box}: `}${message}`);
      };
      let data: Record<string, unknown>;
      try {
        data = parseFrontmatter(readFileSync(join(root, file), 'utf8')).frontmatter ?? {};
      } catch (error) {
        mistake([], `the settings between the --- lines cannot be read: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
        continue;
      }
      files.push({ file, at: [], data });
      const image = () => z.string().refine((photo) => existsSync(join(root, dirname(file), photo)), { error: (issue) => `the photo ${issue.input} is not there any more (deleted or renamed): choose a photo again.` });
      const parsed = (typeof schema === 'function' ? schema({ image }) : schema).safeParse(data, { error: plainMessage });
      for (const issue of parsed.error?.issues ?? []) mistake(issue.path, issue.message);
      const value = unique && typeof data[unique] === 'string' ? data[unique] : '';
      const twin = seen.get(value.trim().toLowerCase());
      if (twin) mistake([unique!], `“${value}” is on the site already (${twin}): change one of the two, or delete one.`);
      else if (value) seen.set(value.trim().toLowerCase(), file);
    }
  }
  const reminders = files.some(({ file, data }) => file.includes('/team/') && data.draft !== true) ? [] : ['Team: no therapist profile published yet'];
  for (const { file, at, data } of files) {
    const entry = [data.name, data.question, data.title].find((value) => typeof value === 'string');
    /** "Team → “Your Name” → Full name", "Site settings → Contact details and site words → Phone number". */
    const where = (key: string) => {
      const place = placeInCms(cms, file, [...at, key]) ?? `${file} › ${key}`;
      return at.length === 0 && place.split(' → ').length === 2 && entry ? place.replace(' → ', ` → “${entry}” → `) : place;
    };
    for (const key of Array.isArray(data.examplesToReplace) ? data.examplesToReplace.map(String) : []) {
      const line = `${where(key)}: still the example${typeof data[key] === 'string' ? ` “${data[key]}”` : ''}`;
      if (!production || data.draft === true) reminders.push(line);
      else refused.push(at.length ? line : `${line} (or switch on ${where('draft').split(' → ').at(-1)})`);
    }
    if (typeof data.ownerToConfirm === 'string') reminders.push(`${where('ownerToConfirm')}: ${data.ownerToConfirm}`);
  }
  return { refused, reminders };
}

export const REFUSED =
  'This production deploy stopped, so that visitors never see a mistake or an example value; the live site stays as it was. Change these in the content manager, then publish again:';
const MISTAKES = 'Mistakes to fix before the site can build (under npm start, each entry named stays off the site until then):';
const list = (heading: string, lines: string[]) => (lines.length ? `${heading}\n  - ${lines.join('\n  - ')}` : '');

/** The checklist as printed: what stops a build, and the reminders. */
function report(production: boolean): string[] {
  const { refused, reminders } = checklist(production);
  const replaced = 'Once an example value is replaced, remove it from “Example values still to replace” on the same page.';
  return [refused.length ? list(production ? REFUSED : MISTAKES, refused) + (production ? `\n${replaced}` : '') : '', list('Still to replace or confirm before launch:', reminders)];
}

/** A build with anything refused stops before Astro reads the content, with that list alone; `npm start` lists it. */
export const exampleValues = (): AstroIntegration => ({
  name: 'example-values',
  hooks: {
    'astro:config:setup': ({ command, logger }) => {
      const [refused, reminders] = command === 'build' ? report(process.env.CONTEXT === 'production') : [];
      if (refused) {
        logger.error(refused);
        process.exit(1);
      }
      if (reminders) logger.warn(reminders);
    },
    'astro:server:start': ({ logger }) => report(false).forEach((text) => text && logger.warn(text)),
  },
});

if (import.meta.main) {
  const [refused, reminders] = report(process.env.CONTEXT === 'production');
  console.log([refused, reminders].filter(Boolean).join('\n') || 'No example values remain. The site is ready to publish.');
  if (refused) process.exitCode = 1;
}
