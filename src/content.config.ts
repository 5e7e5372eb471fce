// `defineCollection` from astro/content/config (what `astro:content` re-exports), so that the launch
// checklist (src/integrations/example-values.ts) can check the content with these schemas outside Astro.
import { defineCollection, type ImageFunction } from 'astro/content/config';
import { z } from 'astro/zod';
import { checkedGlob } from './lib/content-check.ts';

/** Lower `order`s come first in a list; `draft: true` keeps an entry off the site until it is ready. */
const listed = {
  order: z.number({ message: 'order must be a number, like 1 or 2.' }).int('order must be a whole number, like 1 or 2.').min(0, 'order cannot be negative.').default(100),
  draft: z.boolean().default(false),
};

/** Text of at least `min` characters; `what` names it in the messages. */
const text = (what: string, min: number, missing = `Write the ${what} as text.`, short = `The ${what} is too short.`) => z.string({ message: missing }).trim().min(min, short);
/** One or two sentences that search results show. */
const searchText = (what: string) =>
  text(what, 50, `Add a ${what}: one or two sentences that search engines show.`, `The ${what} should be at least 50 characters, so search results can show something useful.`).max(170, `Keep the ${what} under 170 characters, so search results show all of it.`);
/** The opening sentence or two under the main heading. */
const lead = text('lead', 20, 'Write the lead as text, in double quotes if it contains a colon.', 'The lead is too short: write a sentence or two.').max(300, 'Keep the lead under 300 characters; put the rest in the page text.');
const heading = text('heading', 3);

const ALT = 'Alt text is required for every photo: describe what it shows in a few words.';
const photoAlt = z.string({ message: ALT }).trim().min(5, ALT);
/** A page's optional photo beside its file, shown instead of its drawing; it needs its description. */
const withPhoto = <T extends z.ZodRawShape>(image: ImageFunction, shape: T) =>
  z.strictObject({ ...shape, photo: image().optional(), photoAlt: photoAlt.optional() }).refine((data) => !(data as { photo?: unknown }).photo || Boolean((data as { photoAlt?: string }).photoAlt), { message: ALT, path: ['photoAlt'] });

/** Where sessions happen, each in a folder with its photo (in-home/index.md): the folder is the URL and the form's value. */
const locations = defineCollection({
  loader: checkedGlob({ pattern: '**/*.{md,mdx}', base: './src/content/locations', unique: 'title' }),
  schema: ({ image }) =>
    withPhoto(image, {
      title: text('title', 3),
      summary: searchText('summary'),
      /** How the contact form and the studio's email name this setting, e.g. "In your home"; else the title. */
      formLabel: text('formLabel', 3).max(60, 'Keep the formLabel under 60 characters: it is one choice in a list on the contact form.').optional(),
      suits: z.array(text('kind of client', 3)).min(1, 'List at least one kind of client this setting suits.'),
      /** Cities served here; leave out for the service area of settings.json. */
      areaServed: z.array(text('place', 2)).optional(),
      /** For the studio: its page shows the studio address and a map link. */
      showsStudioAddress: z.boolean().default(false),
      ...listed,
    }),
});

/** Frequently asked questions, one per file; the file name is the link anchor. */
const faq = defineCollection({
  loader: checkedGlob({ pattern: '**/*.{md,mdx}', base: './src/content/faq', unique: 'question' }),
  schema: z.strictObject({
    /** As a visitor would ask it; its words make the file name. */
    question: text('question', 8, 'Each FAQ entry needs a question.')
      .max(150, 'Keep the question under 150 characters; put the rest in the answer.')
      .refine((question) => /[a-z0-9]/i.test(question.normalize('NFD')), 'Write the question in words: its web address is made from them.')
      .refine((question) => question.endsWith('?'), 'End the question with a question mark.'),
    ...listed,
  }),
});

/** The home page's own words (its main heading is the tagline in settings.json). */
const home = defineCollection({
  loader: checkedGlob({ pattern: 'home.md', base: './src/content/pages' }),
  schema: ({ image }) => withPhoto(image, { lead, settingsHeading: heading, settingsLead: lead }),
});

const STEP = 'Write a sentence or two under each step title.';
/** Page text; the file's path is the page's address (contact/thanks.md is /contact/thanks/). */
const pages = defineCollection({
  loader: checkedGlob({ pattern: ['**/*.{md,mdx}', '!home.md'], base: './src/content/pages' }),
  schema: z.strictObject({
    /** The browser title, and the main heading unless `heading` gives another. */
    title: text('title', 3),
    heading: heading.optional(),
    description: searchText('description'),
    /** {phone}, {email} and {replyTime} here or in the text show the studio's details. */
    lead: lead.optional(),
    /** The heading of the "Have a question?" box on this page. */
    question: heading.optional(),
    updated: z.coerce.date({ message: 'Write the date as YYYY-MM-DD, like 2026-11-27.' }).optional(),
    /** What happens after someone writes: the thank-you page gives each step, the contact page their titles. */
    nextSteps: z.strictObject({ heading, steps: z.array(z.strictObject({ title: text('step title', 3).max(80, 'Keep each step title under 80 characters.'), text: text('', 10, STEP, STEP) })).min(1, 'List at least one step.') }).optional(),
    /** A note to the owner, for the launch checklist; never shown on the site. */
    ownerToConfirm: text('note', 5).optional(),
    draft: z.literal(false, { message: 'This page is always published: remove the draft: true line.' }).optional(),
  }),
});

/** Therapist profiles for the About page, each in a folder with its photo (jane-doe/index.md). */
const team = defineCollection({
  loader: checkedGlob({ pattern: '**/*.{md,mdx}', base: './src/content/team', unique: 'name' }),
  schema: ({ image }) =>
    z.strictObject({
      name: text('name', 2),
      /** Shown after the name, e.g. "MT-BC". */
      credentials: z.string().trim().optional(),
      role: text('role', 3),
      photo: image(),
      photoAlt,
      ...listed,
      /** The boxes that still hold the example profile's values; production never publishes it while any remain. */
      examplesToReplace: z.array(z.enum(['name', 'credentials', 'role', 'photo', 'photoAlt', 'body'])).default([]),
    }),
});

export const collections = { home, locations, faq, pages, team };
