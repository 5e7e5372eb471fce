import { defineCollection, type ImageFunction } from 'astro:content';
import { z } from 'astro/zod';
import { checkedGlob } from './lib/content-check.ts';

/** `draft: true` keeps an entry off the site until it is ready (a FAQ, a location, a profile and its photo). */
const draft = z.boolean().default(false).describe('Set to true to hide this entry from the site.');

/** Position in lists; lower numbers come first. */
const order = z
  .number({ message: 'order must be a number, like 1 or 2.' })
  .int('order must be a whole number, like 1 or 2.')
  .min(0, 'order cannot be negative.')
  .default(100);

/** One or two sentences that search results show; `field` names it in the messages. */
const searchText = (field: string) =>
  z
    .string({ message: `Add a ${field}: one or two sentences that search engines show.` })
    .trim()
    .min(50, `The ${field} should be at least 50 characters, so search results can show something useful.`)
    .max(170, `Keep the ${field} under 170 characters, so search results show all of it.`);
const description = searchText('description');

/** What a photo shows, for people who cannot see it. */
const photoAlt = z
  .string({ message: 'Alt text is required for every photo: describe what it shows.' })
  .trim()
  .min(5, 'Alt text is required for every photo: describe what it shows in a few words.');

/** A page's optional photo (a file in the entry's folder), shown instead of its line drawing; it needs its description. */
const withPhoto = <T extends z.ZodRawShape>(image: ImageFunction, shape: T) =>
  z
    .strictObject({ ...shape, photo: image().optional(), photoAlt: photoAlt.optional() })
    .refine((data) => !(data as { photo?: unknown }).photo || Boolean((data as { photoAlt?: string }).photoAlt), { message: 'Alt text is required for every photo: describe what it shows in a few words.', path: ['photoAlt'] });

/** Where sessions happen: in-home, school, virtual, studio. The file name is the URL. */
const locations = defineCollection({
  loader: checkedGlob({ pattern: '**/*.{md,mdx}', base: './src/content/locations' }),
  schema: ({ image }) => withPhoto(image, {
    /** The setting's name, e.g. "In-home sessions". */
    title: z.string({ message: 'Each location needs a title.' }).trim().min(3, 'The title is too short.'),
    /** One sentence for the location cards and search results. */
    summary: searchText('summary'),
    /**
     * How the contact form offers this setting under "Where would you like sessions?", and how the
     * studio's email names the choice, e.g. "In your home". Leave out to use the title.
     */
    formLabel: z
      .string({ message: 'Write formLabel as a short phrase, like "In your home".' })
      .trim()
      .min(3, 'The formLabel is too short: write a short phrase, like "In your home".')
      .max(60, 'Keep the formLabel under 60 characters: it is one choice in a list on the contact form.')
      .optional(),
    /** Who this setting suits, one short phrase per line. */
    suits: z.array(z.string().trim().min(3)).min(1, 'List at least one kind of client this setting suits.'),
    /**
     * Cities served in this setting. Leave out to use the service area from settings.json.
     * Write a single line such as "Online" for virtual sessions.
     */
    areaServed: z.array(z.string().trim().min(2)).optional(),
    /** True for the studio: its page shows the studio address and a map link from settings.json. */
    showsStudioAddress: z.boolean().default(false),
    order,
    draft,
  }),
});

/** Frequently asked questions, one per file. The file name becomes the link anchor. */
const faq = defineCollection({
  loader: checkedGlob({ pattern: '**/*.{md,mdx}', base: './src/content/faq' }),
  schema: z.strictObject({
    /** The question, as a visitor would ask it. */
    question: z
      .string({ message: 'Each FAQ entry needs a question.' })
      .trim()
      .min(8, 'The question is too short.')
      .refine((text) => text.endsWith('?'), { message: 'End the question with a question mark.' }),
    order,
    draft,
  }),
});

/** The opening sentence or two, in larger type under the main heading. */
const lead = z
  .string({ message: 'Write the lead as text, in double quotes if it contains a colon.' })
  .trim()
  .min(20, 'The lead is too short: write a sentence or two.')
  .max(300, 'Keep the lead under 300 characters; put the rest in the page text.');

/** A heading the owner writes. */
const heading = z.string({ message: 'Write the heading as text.' }).trim().min(3, 'The heading is too short.');

/** One step of what happens after someone writes: a short title (the contact page lists the titles), then a sentence or two. */
const step = z.strictObject({
  title: z
    .string({ message: 'Give each step a short title, like "A short call".' })
    .trim()
    .min(3, 'The step title is too short.')
    .max(80, 'Keep each step title under 80 characters: the contact page lists the titles on their own.'),
  text: z.string({ message: 'Write a sentence or two under each step title.' }).trim().min(10, 'Write a sentence or two under each step title.'),
});

/** The home page's own words (the tagline in settings.json is its main heading). */
const home = defineCollection({
  loader: checkedGlob({ pattern: 'home.md', base: './src/content/pages' }),
  schema: ({ image }) => withPhoto(image, {
    lead,
    /** The heading above the cards of the settings, and the sentence under it. */
    settingsHeading: heading,
    settingsLead: lead,
  }),
});

/**
 * Page text: where we work, what music therapy is, about, fees, privacy, FAQ, contact, its thank-you
 * page, page not found. The file's path is the page's address: contact/thanks.md is /contact/thanks/.
 */
const pages = defineCollection({
  loader: checkedGlob({ pattern: ['**/*.{md,mdx}', '!home.md'], base: './src/content/pages' }),
  schema: z.strictObject({
    /** The page's browser title, and its main heading unless `heading` gives another. */
    title: z.string({ message: 'Each page needs a title.' }).trim().min(3, 'The title is too short.'),
    heading: heading.optional(),
    /** Shown in search results and when the page is shared. */
    description,
    /** Write {phone} or {email} here or in the page text to show the studio's number or inbox as a link. */
    lead: lead.optional(),
    /** The heading of the "Have a question?" box on this page, instead of the one in settings.json. */
    question: heading.optional(),
    /** Date the owner last reviewed the page, shown at its foot, e.g. 2026-11-27. */
    updated: z.coerce.date({ message: 'Write the date as YYYY-MM-DD, like 2026-11-27.' }).optional(),
    /**
     * What happens after someone writes: a heading, then the steps in order. The thank-you page (and
     * the message shown after sending the form) gives each step in full; the contact page lists their
     * titles above the form. {replyTime}, {phone} and {email} work here too.
     */
    nextSteps: z.strictObject({ heading, steps: z.array(step).min(1, 'List at least one step.') }).optional(),
    /** A note to the owner about something to check before launch; never shown on the site. Delete it once done. */
    ownerToConfirm: z.string().trim().min(5).optional(),
    /** Pages are always published: each has its own address. */
    draft: z.literal(false, { message: 'This page is always published: remove the draft: true line, or ask a developer to remove the page and its route.' }).optional(),
  }),
});

/** Therapist profiles for the About page. */
const team = defineCollection({
  loader: checkedGlob({ pattern: '**/*.{md,mdx}', base: './src/content/team' }),
  schema: ({ image }) =>
    z.strictObject({
      /** Full name, e.g. "Jane Doe". */
      name: z.string({ message: 'Each team member needs a name.' }).trim().min(2, 'The name is too short.'),
      /** Post-nominal credentials shown after the name, e.g. "MT-BC". */
      credentials: z.string().trim().optional(),
      /** Their role, e.g. "Founder and music therapist". */
      role: z.string({ message: 'Add a role, e.g. "Music therapist".' }).trim().min(3, 'The role is too short.'),
      /** A photo in this folder, e.g. ./jane-doe.jpg. */
      photo: image(),
      photoAlt,
      order,
      draft,
    }),
});

export const collections = { home, locations, faq, pages, team };
