import { z } from 'zod';

/** One weekly opening, e.g. Monday to Friday, 09:00 to 18:00. */
const openingHours = z.strictObject({
  /** Full English day names, in order: "Monday", "Tuesday", ... */
  days: z
    .array(z.enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']))
    .min(1, 'List at least one day, written in full, like "Monday".'),
  /** 24-hour clock, "09:00". */
  opens: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write opening time on the 24-hour clock, like "09:00".'),
  /** 24-hour clock, "18:00". */
  closes: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write closing time on the 24-hour clock, like "18:00".'),
});

/** Keys of the settings whose values are still examples, so the project can list them. */
export const SETTINGS_KEYS = [
  'practiceName',
  'tagline',
  'description',
  'siteUrl',
  'phone',
  'email',
  'studioAddress',
  'mapUrl',
  'hours',
  'serviceArea',
  'social',
  'credentials',
] as const;

/**
 * Site-wide facts every page and the contact function read. One file, one truth:
 * `src/content/settings.json`. Shared by the content collection and the function, so it uses
 * plain `zod` (the same package `astro/zod` re-exports).
 */
export const siteSettingsSchema = z.strictObject({
  /** Shown in the header, titles, emails and structured data. */
  practiceName: z.string().trim().min(2, 'The practice name is required.'),
  /** One short line under the name on the home page. */
  tagline: z.string().trim().min(2, 'Add a short tagline.'),
  /** The default description search engines show (about 150 characters). */
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
  /**
   * Settings whose values are still examples. Replace the value, then remove its name here.
   * The build and `npm run placeholders` list what remains.
   */
  examplesToReplace: z.array(z.enum(SETTINGS_KEYS)).default([]),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;
