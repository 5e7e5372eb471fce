import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { fieldErrors, inquirySchema } from '../../../netlify/functions/contact/inquiry.ts';
import { CONTACT_FIELDS, answerProblems, fieldChecks, isEmailAddress, withAsciiDomain } from '../../../src/lib/contact/fields.ts';
import type { ContactField } from '../../../src/lib/contact/fields.ts';
import { LOCATIONS, VALID_INQUIRY } from './fixtures.ts';

/**
 * The page checks the answers before sending (answerProblems, run by src/scripts/contact-form.ts)
 * and the function checks them again with its zod schema (inquiry.ts). Both are built on the same
 * predicates in fields.ts; these tests hold them to the same verdict and the same words, over
 * thousands of generated answers, so a visitor never sees one message in the page and another
 * from the function, and the page never refuses what the function would take.
 */

const schema = inquirySchema(LOCATIONS.map((location) => location.value));
/** What the page gets, as the form carries it: through JSON (the form's data-checks attribute). */
const CHECKS = JSON.parse(JSON.stringify(fieldChecks(CONTACT_FIELDS)));

const pageSays = (answers: Record<string, unknown>) => answerProblems(answers, CHECKS);
function functionSays(answers: Record<string, unknown>): Record<string, string> {
  const result = schema.safeParse(answers);
  return result.success ? {} : fieldErrors(result.error);
}

const options = (name: string) => (CONTACT_FIELDS as readonly ContactField[]).flatMap((field) => (field.name === name && 'options' in field ? field.options.map((option) => option.value) : []));

/** Text as people type, paste and mistype it: the edge cases of every rule, and noise. */
const EDGES = [
  '', ' ', '   ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u200b', '\u200b\u200d\ufeff', '\u2028', '\u0000', '\u0007', '\u0085', '\u202e',
  'Test Parent', "Zoë O'Test-Parent", ' Test Parent ', 'Test\tParent', 'Test\nParent', 'Test\r\nBcc: victim@example.com', '\ud800',
  'test@example.com', ' test@example.com ', 'ann@bücher.de', 'ann@BÜCHER.de', 'änn@bücher.de', 'test@example', 'test@@example.com',
  'test@example..com', '.test@example.com', 'test.@example.com', 'test@exa mple.com', 'test@-example.com', 'test@example.c',
  'test@bücher.de:80', 'test@bücher.de/x', 'a@xn--bcher-kva.de', 'test@example.com\r\nBcc: x@example.com', 'test@例え.jp',
  '(801) 555-0123', '801.555.0123', '+1 801-555-0123 ext. 12', '801 555 0123 x1234', '8015550123ext99', '555-01', '1'.repeat(15),
  '1'.repeat(16), '  801   555   0123  ', '+44 (0)20 7946 0958', 'call me maybe', '801--555--0123', '((801)) 555 0123', '+', '-------',
  '<script>alert(1)</script>', '😀👨‍👩‍👧‍👦', 'yes', 'on', 'true', 'YES', ' yes ', 'no', 'false',
];

const near = (limit: number) => fc.integer({ min: Math.max(0, limit - 3), max: limit + 3 });
const textAnswer = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGES) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...EDGES), fc.constantFrom(...EDGES), fc.constantFrom(...EDGES)).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  // Around each limit: 30 (phone), 100 (name), 254 (email), 2,000 (message), padded with spaces or line breaks.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(30, 100, 254, 2000).chain(near), fc.constantFrom('a', '8', ' ', '\r\n', 'é')).map(([length, unit]) => unit.repeat(length)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(240, 250, 254).chain(near), fc.constantFrom('example.com', 'bücher.de', 'xn--bcher-kva.de')).map(([length, domain]) => `${'a'.repeat(Math.max(1, length - domain.length - 1))}@${domain}`) },
);
const emailAnswer = fc.oneof(textAnswer, fc.emailAddress(), fc.emailAddress().map((address) => address.replace(/@.*\./, '@bücher.')));
const phoneAnswer = fc.oneof(
  textAnswer,
  fc
    .tuple(fc.array(fc.constantFrom(...'0123456789 ()+-.'), { maxLength: 24 }), fc.constantFrom('', ' x12', ' ext. 345', 'ext1234567', ' x'))
    .map(([characters, extension]) => characters.join('') + extension),
);

/** Half the time a good answer, so many inquiries have one problem or none. */
const orGood = (answer: fc.Arbitrary<string>, ...good: string[]) => fc.oneof(answer, fc.constantFrom(...good));

/** Answers as the page posts them: text as typed, a choice from those offered, the box ticked or not. */
const pageAnswers = fc.record(
  {
    name: orGood(textAnswer, 'Test Parent', "Zoë O'Test-Parent"),
    email: orGood(emailAnswer, 'test@example.com', 'ann@bücher.de'),
    phone: orGood(phoneAnswer, '', '(801) 555-0123'),
    contactMethod: fc.constantFrom(...options('contactMethod')),
    role: fc.constantFrom('', ...options('role')),
    ageGroup: fc.constantFrom('', ...options('ageGroup')),
    setting: fc.constantFrom(...LOCATIONS.map((location) => location.value), 'not-sure'),
    message: orGood(textAnswer, VALID_INQUIRY.message),
    consent: fc.constant('yes'),
  },
  { requiredKeys: ['contactMethod', 'setting'] },
);

/** Anything at all in any field, as a hand-made JSON post could send. */
const anyAnswers = fc.dictionary(
  fc.constantFrom(...CONTACT_FIELDS.map((field) => field.name)),
  fc.oneof(textAnswer, fc.constantFrom(...options('contactMethod'), ...options('role')), fc.anything({ maxDepth: 1 })),
);

describe('the page and the function say the same', () => {
  test('for answers the page can send, the page finds exactly the problems the function finds, in its words', () => {
    fc.assert(
      fc.property(pageAnswers, (answers) => {
        expect(pageSays(answers)).toEqual(functionSays(answers));
      }),
      { numRuns: 5000 },
    );
  }, 120_000);

  test('for anything at all, every problem the page reports is one the function reports in the same words', () => {
    fc.assert(
      fc.property(anyAnswers, (answers) => {
        const fromFunction = functionSays(answers);
        for (const [name, message] of Object.entries(pageSays(answers))) expect(fromFunction[name], name).toBe(message);
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  test.each([
    ['an empty form', {}],
    ['the valid inquiry', VALID_INQUIRY],
    ['an internationalized email domain', { ...VALID_INQUIRY, email: 'ann@bücher.de' }],
    ['a look-alike letter before the @', { ...VALID_INQUIRY, email: 'änn@bücher.de' }],
    ['a call asked for without a number', { ...VALID_INQUIRY, contactMethod: 'phone', phone: ' ' }],
    ['a call asked for with a malformed number', { ...VALID_INQUIRY, contactMethod: 'phone', phone: 'call me' }],
    ['a phone with an extension', { ...VALID_INQUIRY, phone: '+1 801-555-0123 ext. 12' }],
    ['a message of invisible characters', { ...VALID_INQUIRY, message: '\u200b\r\n\u0001' }],
    ['a message of 2,000 characters with Windows line breaks', { ...VALID_INQUIRY, message: `${'m'.repeat(1000)}\r\n${'m'.repeat(999)}` }],
    ['a tab in the name', { ...VALID_INQUIRY, name: 'Test\tParent' }],
    ['the box not ticked', { ...VALID_INQUIRY, consent: undefined }],
  ])('%s', (_label, answers) => {
    expect(pageSays(answers)).toEqual(functionSays(answers));
  });

  test('an empty form: one message per required field, nothing else', () => {
    expect(pageSays({ contactMethod: 'either', setting: 'not-sure' })).toMatchInlineSnapshot(`
      {
        "consent": "Tick the box to confirm you understand this form is not for medical details or emergencies",
        "email": "Enter your email address, like name@example.com",
        "message": "Tell us a little about what you are looking for",
        "name": "Enter your name",
      }
    `);
  });

  test('the page takes an internationalized domain (the function sends it in ASCII)', () => {
    expect(pageSays({ ...VALID_INQUIRY, email: 'ann@bücher.de' })).toEqual({});
    expect(withAsciiDomain('ann@bücher.de')).toBe('ann@xn--bcher-kva.de');
    expect(schema.parse({ ...VALID_INQUIRY, email: 'ann@bücher.de' }).email).toBe('ann@xn--bcher-kva.de');
  });
});

describe('the shared email check is zod’s', () => {
  const zodEmail = z.email();

  test('same verdict as z.email() on any address', () => {
    fc.assert(
      fc.property(fc.oneof(emailAnswer, fc.string({ maxLength: 60 })), (address) => {
        expect(isEmailAddress(address)).toBe(zodEmail.safeParse(address).success);
      }),
      { numRuns: 5000 },
    );
  }, 120_000);

  test('it is the very pattern z.email() uses (z.regexes.email)', () => {
    expect(isEmailAddress('a@b.co')).toBe(z.regexes.email.test('a@b.co'));
    expect((zodEmail.def as { pattern?: RegExp }).pattern).toBe(z.regexes.email);
  });
});

describe('what the form carries for the page (fieldChecks)', () => {
  test('the text fields and the box, with their limits and messages from fields.ts; not the choices', () => {
    const checks = fieldChecks(CONTACT_FIELDS);
    expect(checks.map((check) => check.name)).toEqual(['name', 'email', 'phone', 'message', 'consent']);
    for (const check of checks) {
      const field = CONTACT_FIELDS.find((candidate) => candidate.name === check.name)!;
      expect(field).toMatchObject(check);
    }
  });
});
