import { describe, expect, test } from 'vitest';
import { messages, schemaFor } from './load-entries.ts';

const validFaq = { question: 'Is music therapy new?', order: 3 };
const validLocation = {
  title: 'Studio sessions',
  summary: 'Sessions at our Lehi studio, a calm space set up for music making, with instruments ready.',
  suits: ['Clients who enjoy a dedicated space'],
};
const validPage = { title: 'Fees', description: 'How payment works, how to ask your insurer about reimbursement, and more.' };
const validMember = { name: 'Test Therapist', role: 'Music therapist', photo: './example-therapist.jpg', photoAlt: 'Smiling therapist with a guitar' };

describe('schemas apply defaults', () => {
  test('an FAQ entry is published unless marked draft', () => {
    expect(schemaFor('faq').parse(validFaq)).toEqual({ ...validFaq, draft: false });
  });

  test('a location without order goes last and does not show the studio address', () => {
    expect(schemaFor('locations').parse(validLocation)).toMatchObject({ order: 100, draft: false, showsStudioAddress: false });
  });
});

describe('schemas reject bad entries with messages the owner can act on', () => {
  test.each([
    ['faq', { ...validFaq, question: 'Is music therapy new' }, { question: 'End the question with a question mark.' }],
    ['faq', { order: 1 }, { question: 'Each FAQ entry needs a question.' }],
    ['faq', { ...validFaq, order: 'first' }, { order: 'order must be a number, like 1 or 2.' }],
    ['faq', { ...validFaq, order: 1.5 }, { order: 'order must be a whole number, like 1 or 2.' }],
    ['faq', { ...validFaq, draft: 'yes' }, { draft: expect.stringContaining('boolean') }],
    ['faq', { ...validFaq, answer: 'typo field' }, { '(entry)': expect.stringContaining('answer') }],
    ['locations', { ...validLocation, summary: 'Too short.' }, { summary: expect.stringContaining('at least 50 characters') }],
    ['locations', { ...validLocation, suits: [] }, { suits: 'List at least one kind of client this setting suits.' }],
    ['pages', { ...validPage, description: 'x'.repeat(200) }, { description: expect.stringContaining('under 170 characters') }],
    ['pages', { ...validPage, updated: 'last week' }, { updated: 'Write the date as YYYY-MM-DD, like 2026-11-27.' }],
    ['pages', { ...validPage, lead: 'Welcome.' }, { lead: 'The lead is too short: write a sentence or two.' }],
    ['pages', { ...validPage, lead: ['Welcome', 'to the site'] }, { lead: 'Write the lead as text, in double quotes if it contains a colon.' }],
    ['pages', { ...validPage, lead: 'x'.repeat(301) }, { lead: 'Keep the lead under 300 characters; put the rest in the page text.' }],
    ['pages', { ...validPage, heading: 42 }, { heading: 'Write the heading as text.' }],
    ['pages', { ...validPage, draft: true }, { draft: expect.stringMatching(/^This page is always published: remove the draft: true line/) }],
    ['pages', { ...validPage, question: 'Hm' }, { question: 'The heading is too short.' }],
    ['pages', { ...validPage, nextSteps: { heading: 'What happens next', steps: [] } }, { 'nextSteps.steps': 'List at least one step.' }],
    ['pages', { ...validPage, nextSteps: { heading: 'What happens next', steps: [{ title: 'A short call' }] } }, { 'nextSteps.steps.0.text': 'Write a sentence or two under each step title.' }],
    ['pages', { ...validPage, nextSteps: { heading: 'What happens next', steps: [{ title: 'x'.repeat(81), text: 'We talk it over.' }] } }, { 'nextSteps.steps.0.title': expect.stringContaining('under 80 characters') }],
    ['home', { lead: 'Music therapy for all ages.', settingsHeading: 'Where we work' }, { settingsLead: 'Write the lead as text, in double quotes if it contains a colon.' }],
    ['home', { lead: 'Music therapy for all ages.', settingsHeading: 'Where we work', settingsLead: 'Choose a setting below.', title: 'Home' }, { '(entry)': expect.stringContaining('title') }],
    ['team', { ...validMember, photoAlt: '' }, { photoAlt: 'Alt text is required for every photo: describe what it shows in a few words.' }],
    ['team', { name: 'Test Therapist', role: 'Music therapist', photo: './example-therapist.jpg' }, { photoAlt: expect.stringContaining('Alt text is required') }],
  ] as const)('%s: %j', (collection, entry, expected) => {
    expect(messages(schemaFor(collection).safeParse(entry))).toEqual(expected);
  });
});
