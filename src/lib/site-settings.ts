/**
 * The site settings, src/content/settings.json: its schema, and the one way every reader gets the
 * checked values (pages, config, the contact function, the launch checklist). Plain `zod` (which
 * `astro/zod` re-exports), so the function can use it outside Astro.
 */
import { z } from 'zod';

export const SETTINGS_FILE = 'src/content/settings.json';
export const WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
/** Settings whose shipped values may be examples, to be listed in `examplesToReplace` until replaced. */
export const EXAMPLE_KEYS = ['practiceName', 'tagline', 'description', 'siteUrl', 'phone', 'email', 'replyTime', 'studioAddress', 'mapUrl', 'hours', 'serviceArea', 'social', 'credentials'] as const;
const PAGES = ['/', '/music-therapy/', '/locations/', '/faq/', '/about/', '/fees/', '/contact/', '/privacy/', '/accessibility/'] as const;

const time = (which: string, example: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Write ${which} time on the 24-hour clock, like "${example}".`);
const text = (min: number, message: string) => z.string().trim().min(min, message);
/** Words a page shows around the owner's content; `where` says where. */
const words = (where: string) => z.string({ message: `Add the words for ${where}.` }).trim().min(1, `Add the words for ${where}.`);
/** A link to one of the site's pages: the menus can link to no other. */
const pageLink = z.strictObject({ label: words('the link'), link: z.enum(PAGES, { message: `Choose one of the site's pages: ${PAGES.join(', ')}.` }) });

export const siteSettingsSchema = z.strictObject({
  practiceName: text(2, 'The practice name is required.'),
  /** The home page's main heading. */
  tagline: text(2, 'Add a short tagline.'),
  description: text(50, 'The site description should be at least 50 characters.').max(170, 'Keep the site description under 170 characters so search results show all of it.'),
  siteUrl: z.url({ message: 'The site URL must start with https://' }).refine((url) => url.startsWith('https://') && !url.endsWith('/'), 'The site URL must start with https:// and must not end with a slash.'),
  /** As people read it, e.g. "(801) 555-0142". */
  phone: z.string().trim().refine((value) => value.replace(/\D/g, '').length === 10 || /^\+\d{8,15}$/.test(value.replace(/[^\d+]/g, '')), 'Write the phone number with its area code, like "(801) 555-0142".'),
  email: z.email({ message: 'The email address does not look right, e.g. "hello@yourpractice.com".' }),
  /** The end of the sentence "We reply …"; {replyTime} in a page's text shows it. */
  replyTime: text(3, 'Write when you reply to an inquiry, as it ends the sentence "We reply …", like "within two business days".').max(80, 'Keep the reply time short (under 80 characters): it ends the sentence "We reply …".'),
  studioAddress: z.strictObject({
    street: text(3, 'Add the street address of the studio.'),
    city: text(2, 'Add the city of the studio.'),
    region: z.string().trim().length(2, 'Use the two-letter state code, like "UT".'),
    postalCode: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'Use a five-digit ZIP code, like "84043".'),
    country: z.string().trim().length(2, 'Use the two-letter country code, like "US".').default('US'),
  }),
  /** A link to the studio on a map; else a map search for the address. */
  mapUrl: z.url({ message: 'The map link must be a full web address.' }).optional(),
  hours: z.array(z.strictObject({ days: z.array(z.enum(WEEK)).min(1, 'List at least one day, written in full, like "Monday".'), opens: time('opening', '09:00'), closes: time('closing', '18:00') })).min(1, 'List the hours at least once.'),
  /** Cities the practice travels to for in-home and school sessions. */
  serviceArea: z.array(z.string().trim().min(2)).min(1, 'List at least one city you serve.'),
  social: z.array(z.strictObject({ name: z.string().trim().min(2), url: z.url({ message: 'Each social link needs a full web address.' }) })).default([]),
  credentials: text(10, 'Add a credentials line, e.g. board certification.'),
  menu: z.array(pageLink).min(1, 'List at least one page in the menu.'),
  footer: z.strictObject({ moreLinks: z.array(pageLink), notice: words('the notice at the foot of every page') }),
  /** The "Have a question?" box at the foot of most pages; a page may set its own heading. */
  questionBox: z.strictObject({ heading: words('the heading of the question box'), text: words('the sentence in the question box'), requestLabel: words('the button to the contact form'), callLabel: words('the call button') }),
  examplesToReplace: z.array(z.enum(EXAMPLE_KEYS)).default([]),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** settings.json, imported on first use (a typing mistake becomes the owner's message) from a path bundlers can see. */
export async function loadSettingsFile(load = (): Promise<{ default: unknown }> => import('../content/settings.json', { with: { type: 'json' } })): Promise<unknown> {
  try {
    return (await load()).default;
  } catch (error) {
    const look = 'look there, or just before it, for a missing or extra comma, a missing double quote, or an unclosed bracket.';
    throw new Error(`${SETTINGS_FILE} has a typing mistake (${error instanceof Error ? error.message : error}): ${look}`, { cause: error });
  }
}

/** The checked settings, or one line per wrong value, e.g. "hours › item 1 › opens: …". */
export function checkSettings(file: unknown): { settings?: SiteSettings; mistakes: string[] } {
  const site = file !== null && typeof file === 'object' && 'site' in file ? file.site : undefined;
  if (site === undefined) return { mistakes: [`${SETTINGS_FILE}: the settings must sit inside one block named "site", as in { "site": { ... } }.`] };
  const result = siteSettingsSchema.safeParse(site, { error: plainMessage });
  if (result.success) return { settings: result.data, mistakes: [] };
  const field = (path: PropertyKey[]) => (path.length ? `${path.map((key) => (typeof key === 'number' ? `item ${key + 1}` : String(key))).join(' › ')}: ` : '');
  return { mistakes: result.error.issues.map((issue) => `${SETTINGS_FILE}: ${field(issue.path)}${issue.message}`) };
}

let checked: Promise<SiteSettings> | undefined;

/** The site settings, read and checked once, on first use. A mistake fails with the owner's message. */
export function getSiteSettings(): Promise<SiteSettings> {
  return (checked ??= loadSettingsFile().then((file) => {
    const { settings, mistakes } = checkSettings(file);
    if (settings) return settings;
    throw new Error(mistakes.join('\n'));
  }));
}

/** The one error map: plain words for the checks whose schema gives no message of its own. */
export function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const names = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `"${key}"`).join(', ') : '';
  if (issue.code === 'unrecognized_keys') return `${names} ${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} this site knows: check the spelling, or remove it.`;
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'This setting is missing: add it.';
  const words: Record<string, string> = { string: 'text in double quotes', number: 'a number', array: 'a list in [ ]', object: 'a block in { }', boolean: 'true or false' };
  return `This should be ${words[issue.expected] ?? issue.expected}.`;
}
