import { z } from 'zod';

/**
 * The site settings, src/content/settings.json: its schema, and the one way every reader gets the
 * checked values (the pages, the config, the contact function, the example-value report, the tests).
 * Plain `zod` (the package `astro/zod` re-exports), so the function can use it outside Astro.
 */

/** Where the site settings live, as the owner sees the path. */
export const SETTINGS_FILE = 'src/content/settings.json';

const time = (which: string, example: string) =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Write ${which} time on the 24-hour clock, like "${example}".`);

/** The days of the week, in order, as settings.json writes them. */
export const WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** One weekly opening, e.g. Monday to Friday, 09:00 to 18:00. */
const openingHours = z.strictObject({
  /** Full English day names, in order: "Monday", "Tuesday", ... */
  days: z
    .array(z.enum(WEEK))
    .min(1, 'List at least one day, written in full, like "Monday".'),
  /** 24-hour clock, "09:00". */
  opens: time('opening', '09:00'),
  /** 24-hour clock, "18:00". */
  closes: time('closing', '18:00'),
});

/** Settings whose shipped values are examples, so the project can list the ones left to replace. */
export const EXAMPLE_KEYS = ['practiceName', 'tagline', 'description', 'siteUrl', 'phone', 'email', 'replyTime', 'studioAddress', 'mapUrl', 'hours', 'serviceArea', 'social', 'credentials'] as const;

/** Words a page shows around the owner's content; `where` says where, in the owner's message. */
const words = (where: string) => z.string({ message: `Add the words for ${where}.` }).trim().min(1, `Add the words for ${where}.`);

/** The addresses of the site's pages, which the menus can link to. */
export const PAGE_LINKS = ['/', '/music-therapy/', '/locations/', '/faq/', '/about/', '/fees/', '/contact/', '/privacy/', '/accessibility/'] as const;

/** A link to a page of this site. */
const pageLink = z.strictObject({
  /** The words of the link, e.g. "Fees". */
  label: words('the link'),
  /** The page it opens, e.g. "/fees/". */
  link: z.enum(PAGE_LINKS, { message: `Choose one of the site's pages: ${PAGE_LINKS.join(', ')}.` }),
});

export const siteSettingsSchema = z.strictObject({
  /** Shown in the header, titles, emails and structured data. */
  practiceName: z.string().trim().min(2, 'The practice name is required.'),
  /** One short line: the home page's main heading. */
  tagline: z.string().trim().min(2, 'Add a short tagline.'),
  /** The default description search engines show (about 150 characters); also the home page's. */
  description: z
    .string()
    .trim()
    .min(50, 'The site description should be at least 50 characters.')
    .max(170, 'Keep the site description under 170 characters so search results show all of it.'),
  /** The address the site is published at, e.g. "https://www.example.com". No trailing slash. */
  siteUrl: z.url({ message: 'The site URL must start with https://' }).refine((url) => url.startsWith('https://') && !url.endsWith('/'), {
    message: 'The site URL must start with https:// and must not end with a slash.',
  }),
  /** The phone number as people read it, e.g. "(801) 555-0142". */
  phone: z
    .string()
    .trim()
    .refine((value) => value.replace(/\D/g, '').length === 10 || /^\+\d{8,15}$/.test(value.replace(/[^\d+]/g, '')), {
      message: 'Write the phone number with its area code, like "(801) 555-0142".',
    }),
  /** The studio inbox shown to visitors. */
  email: z.email({ message: 'The email address does not look right, e.g. "hello@yourpractice.com".' }),
  /**
   * When you reply to an inquiry, as the end of the sentence "We reply …", e.g. "within two business
   * days". Write {replyTime} in a page's text to show it.
   */
  replyTime: z
    .string()
    .trim()
    .min(3, 'Write when you reply to an inquiry, as it ends the sentence "We reply …", like "within two business days".')
    .max(80, 'Keep the reply time short (under 80 characters): it ends the sentence "We reply …".'),
  /** Where the studio is. Shown in the footer, on the studio page and in structured data. */
  studioAddress: z.strictObject({
    street: z.string().trim().min(3, 'Add the street address of the studio.'),
    city: z.string().trim().min(2, 'Add the city of the studio.'),
    region: z.string().trim().length(2, 'Use the two-letter state code, like "UT".'),
    postalCode: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'Use a five-digit ZIP code, like "84043".'),
    country: z.string().trim().length(2, 'Use the two-letter country code, like "US".').default('US'),
  }),
  /** A link to the studio on a map. Leave out to link a map search for the address. */
  mapUrl: z.url({ message: 'The map link must be a full web address.' }).optional(),
  /** Weekly opening hours. */
  hours: z.array(openingHours).min(1, 'List the hours at least once.'),
  /** Cities the practice travels to for in-home and school sessions. */
  serviceArea: z.array(z.string().trim().min(2)).min(1, 'List at least one city you serve.'),
  /** Links to the practice's social media profiles. Leave the list empty to show none. */
  social: z
    .array(z.strictObject({ name: z.string().trim().min(2), url: z.url({ message: 'Each social link needs a full web address.' }) }))
    .default([]),
  /** The credentials line in the footer. */
  credentials: z.string().trim().min(10, 'Add a credentials line, e.g. board certification.'),
  /** The main menu at the top of every page, in order. */
  menu: z.array(pageLink).min(1, 'List at least one page in the menu.'),
  /** The footer of every page: the pages listed under "More", and the closing notice. */
  footer: z.strictObject({
    moreLinks: z.array(pageLink),
    notice: words('the notice at the foot of every page'),
  }),
  /** The "Have a question?" box at the foot of most pages, and the two buttons it shares with the home page. */
  questionBox: z.strictObject({
    /** Its heading, unless the page sets its own `question`. */
    heading: words('the heading of the question box'),
    text: words('the sentence in the question box'),
    /** The button to the contact form (also the footer's link to it). */
    requestLabel: words('the button to the contact form'),
    /** The word before the phone number on the call button, e.g. "Call". */
    callLabel: words('the call button'),
  }),
  /**
   * Settings whose values are still examples. Replace the value, then remove its name here.
   * The build and `npm run placeholders` list what remains.
   */
  examplesToReplace: z.array(z.enum(EXAMPLE_KEYS)).default([]),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/**
 * The data in settings.json. Imported on first use rather than at import time, so a typing
 * mistake becomes the owner's message instead of a module that cannot load; the path is fixed so
 * that Vite and Netlify's function bundler include the file. Tests pass a `load` of their own.
 */
export async function loadSettingsFile(
  load: () => Promise<{ default: unknown }> = () => import('../content/settings.json', { with: { type: 'json' } }),
): Promise<unknown> {
  try {
    return (await load()).default;
  } catch (error) {
    throw new Error(typingMistake(error), { cause: error });
  }
}

/** A JSON syntax mistake (Node, Vite and esbuild all name its line and column) in words the owner can act on. */
function typingMistake(error: unknown): string {
  const detail = (error instanceof Error ? error.message : String(error)).replace(/^.*settings\.json:\s*/, '');
  const place = /line (\d+),? column (\d+)/.exec(detail);
  return (
    `${SETTINGS_FILE} has a typing mistake${place ? ` at line ${place[1]}, column ${place[2]}` : ''} (the JSON reader says: ${detail}). ` +
    'Look there, or just before it, for a missing or extra comma, a missing double quote, or an unclosed bracket: ' +
    'every name and every text value is in double quotes, and the last item of a list or block has no comma after it.'
  );
}

/** The "site" block of settings.json as read, not yet checked; undefined if the file has none. */
export const siteBlock = (file: unknown): unknown => (file !== null && typeof file === 'object' && 'site' in file ? file.site : undefined);

/** The checked settings, or one line per wrong value that names the setting and the fix. */
export function checkSettings(file: unknown): { settings?: SiteSettings; mistakes: string[] } {
  const site = siteBlock(file);
  if (site === undefined) return { mistakes: [`${SETTINGS_FILE}: the settings must sit inside one block named "site", as in { "site": { ... } }.`] };
  const result = siteSettingsSchema.safeParse(site, { error: plainMessage });
  if (result.success) return { settings: result.data, mistakes: [] };
  return { mistakes: result.error.issues.map((issue) => `${SETTINGS_FILE}: ${fieldName(issue.path)}${issue.message}`) };
}

let checked: Promise<SiteSettings> | undefined;

/** The site settings, read and checked once, on first use. A mistake fails with the owner's message. */
export function getSiteSettings(): Promise<SiteSettings> {
  checked ??= loadSettingsFile().then((file) => {
    const { settings, mistakes } = checkSettings(file);
    if (!settings) throw new Error(mistakes.join('\n'));
    return settings;
  });
  return checked;
}

/** Plain words for the checks whose schema gives no message of its own. */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return `${names} ${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} this site knows: check the spelling, or remove it.`;
  }
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'This setting is missing: add it.';
  const words: Record<string, string> = { string: 'text in double quotes', number: 'a number', array: 'a list in [ ]', object: 'a block in { }', boolean: 'true or false' };
  return `This should be ${words[issue.expected] ?? issue.expected}.`;
}

/** "hours › item 1 › opens: " for a value inside a list, "" for the settings as a whole. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  return `${path.map((key) => (typeof key === 'number' ? `item ${key + 1}` : String(key))).join(' › ')}: `;
}
