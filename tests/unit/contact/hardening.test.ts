import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { inquirySchema } from '../../../netlify/functions/contact/inquiry.ts';
import { MAX_BODY_BYTES } from '../../../netlify/functions/contact/request.ts';
import { contactField } from '../../../src/lib/contact/fields.ts';
import { VALID_INQUIRY, formRequest, jsonRequest, useContactFunction } from './fixtures.ts';

/**
 * Reproductions from the hostile review, through the whole handler: bodies built to cost seconds of
 * CPU, refused by a count or a limit before the costly part, and Unicode edges that reached the email.
 */

const { post, sent } = useContactFunction();
const rawForm = (body: string) => formRequest({}, { body });

describe('a body built to cost CPU is refused before the costly part', () => {
  test.each([
    ['16,384 repeated form keys', () => rawForm('a&'.repeat(16_384)), 400],
    ['a JSON object with 2,000 keys', () => jsonRequest(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, 'v']))), 400],
    ['a JSON phone of "1", 32,000 spaces and "x"', () => jsonRequest({ ...VALID_INQUIRY, phone: `1${' '.repeat(32_000)}x` }), 422],
    ['a form phone of 1 and 32,500 "+" (spaces) then "!"', () => rawForm(`phone=1${'+'.repeat(32_500)}!`), 422],
  ])('%s', async (_label, makeRequest, status) => {
    expect((await post(makeRequest())).status).toBe(status);
  });

  test('more fields than the form has: 400 and a plain reason', async () => {
    const response = await post(jsonRequest(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`field${i}`, 'x']))));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, message: expect.stringMatching(/NOT sent.*more answers than our form asks for/) });
  });

  test('the phone pattern never reads an answer over the limit: only the limit is reported', () => {
    // Were the pattern checked too, its message would follow; zod skips the pipe after the failed limit.
    const result = inquirySchema([]).safeParse({ phone: `1${' '.repeat(32_000)}x` });
    expect(result.error?.issues.filter((issue) => issue.path[0] === 'phone').map((issue) => issue.message)).toEqual([contactField('phone').tooLongMessage]);
  });

  const FIELDS = [...Object.keys(VALID_INQUIRY), 'website', 'submissionId', 'fillMs'];
  const longText = fc.oneof(
    fc.string({ minLength: 5_000, maxLength: 30_000 }),
    fc.tuple(fc.constantFrom(' ', '+', '\t', '.', '-', '1', 'x', 'é', '\u200B', '\u202E', '\uD800', '=?'), fc.integer({ min: 5_000, max: 15_000 }), fc.string({ maxLength: 5 }))
      .map(([unit, times, tail]) => `1${unit.repeat(times)}${tail}`),
  );

  test('long generated text in any field, as JSON or form: a meant answer, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), longText, fc.boolean(), async (field, text, asJson) => {
        const fields = { ...VALID_INQUIRY, [field]: text };
        const request = asJson ? jsonRequest(fields) : formRequest(fields);
        fc.pre(new TextEncoder().encode(await request.clone().text()).length <= MAX_BODY_BYTES);
        expect((await post(request)).status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe('Unicode edges', () => {
  async function sentEmail(changes: Record<string, unknown>) {
    const response = await post(jsonRequest({ ...VALID_INQUIRY, ...changes }));
    const email = sent().at(-1);
    return { status: response.status, email: email && { ...email, replyTo: email.reply_to }, body: await response.text() };
  }

  test('an internationalized domain is accepted, in the ASCII form mail servers read', async () => {
    const { status, email } = await sentEmail({ email: 'ann@bücher.de' });
    expect(status).toBe(200);
    expect(email?.replyTo).toBe('ann@xn--bcher-kva.de');
    expect((await sentEmail({ email: 'ann@xn--bcher-kva.de' })).email?.replyTo).toBe('ann@xn--bcher-kva.de');
  });

  test.each([
    ['a look-alike letter in the local part', 'аnn@example.com'],
    ['a domain with a port', 'ann@bücher.de:25'],
    ['a domain with a path', 'ann@bücher.de/x'],
    ['two @', 'ann@bü@cher.de'],
  ])('still refused: %s', async (_label, address) => {
    const { status, body } = await sentEmail({ email: address });
    expect(status).toBe(422);
    expect(JSON.parse(body).errors).toHaveProperty('email');
  });

  test('direction controls are stripped from the name everywhere it appears', async () => {
    const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    const { status, email } = await sentEmail({ name: `Ann${controls}Lee` });
    expect(status).toBe(200);
    for (const part of [email?.subject, email?.text, email?.html]) {
      expect(part).toContain('AnnLee');
      expect(part).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    }
  });

  test('other invisible format characters (tag characters, zero-width spaces, soft hyphens) are stripped from the name too; joiners stay', async () => {
    const { status, email } = await sentEmail({ name: 'Ann\u{E0041}\u{E0042}\u200B\u00AD\uFFF9hidden\uFFFB Lee \u{1F469}\u200D\u{1F3A4}' });
    expect(status).toBe(200);
    expect(email?.subject).toContain('Annhidden Lee \u{1F469}\u200D\u{1F3A4}');
    expect(email?.text).not.toMatch(/\p{Cf}(?<![\u200D])/u);
  });

  test.each([['a Hangul filler', '\u3164'], ['the blank Braille pattern', '\u2800 \u2800'], ['tag characters only', '\u{E0041}\u{E0042}']])('a name of %s is refused like an empty one', async (_label, name) => {
    const { status, body } = await sentEmail({ name });
    expect(status).toBe(422);
    expect(JSON.parse(body).errors).toHaveProperty('name');
  });

  test.each<[string, unknown]>([['the box twice', ['yes', 'yes']], ['a number', 1], ['a list', ['yes']], ['another word', 'no']])('a Good Faith Estimate box sent as %s is refused, never read as "no"', async (_label, estimate) => {
    const { status, body } = await sentEmail({ estimate });
    expect(status).toBe(422);
    expect(JSON.parse(body).errors.estimate).toBe('Tick the box if you would like a Good Faith Estimate');
  });

  test.each<[string, unknown, boolean]>([['ticked', 'yes', true], ['"on"', 'on', true], ['true', true, true], ['left out', undefined, false], ['blank', '', false], ['false', false, false], ['null', null, false]])('a Good Faith Estimate box %s is read as it was meant', async (_label, estimate, requested) => {
    const { status, email } = await sentEmail({ estimate });
    expect(status).toBe(200);
    expect(email?.subject.startsWith('Good Faith Estimate requested')).toBe(requested);
  });

  test.each([
    ['the combining grapheme joiner', '\u034F'],
    ['a variation selector', '\uFE0F'],
    ['Khmer inherent vowels', '\u17B4\u17B5'],
    ['Mongolian free variation selectors', '\u180B\u180C'],
    ['a supplementary variation selector', '\u{E0100}'],
  ])('a name or a message of %s (default-ignorable, shows as nothing) is refused like an empty one', async (_label, invisible) => {
    const name = await sentEmail({ name: invisible });
    expect(name.status).toBe(422);
    expect(JSON.parse(name.body).errors).toHaveProperty('name');
    const message = await sentEmail({ message: `${invisible} ${invisible}` });
    expect(message.status).toBe(422);
    expect(JSON.parse(message.body).errors).toHaveProperty('message');
  });

  test('default-ignorable characters are cleaned out of the name, so the subject reads as it is', async () => {
    const { status, email } = await sentEmail({ name: 'Ann\u034F\u17B4 \u180BLee\u{E0100}' });
    expect(status).toBe(200);
    expect(email?.subject).toBe('Website inquiry from Ann Lee (In your home)');
  });

  test('direction overrides and isolates are stripped from the message, so a number reads as typed', async () => {
    const { status, email } = await sentEmail({ message: 'Please call \u202E3210-555 (108)\u202C or \u20663210\u2069 \u202A\u202B\u202D\u2067\u2068' });
    expect(status).toBe(200);
    for (const part of [email?.text, email?.html]) {
      expect(part).toContain('Please call 3210-555 (108) or 3210');
      expect(part).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
  });

  test('a message made only of invisible characters is refused like an empty one', async () => {
    const { status, body } = await sentEmail({ message: '\u200B\u200C\u200D\u2060\uFEFF \n\u200B' });
    expect(status).toBe(422);
    expect(JSON.parse(body).errors.message).toBe('Tell us a little about what you are looking for');
  });

  test('lone surrogates become replacement characters before rendering', async () => {
    const { status, email } = await sentEmail({ name: 'Ann \uD800 Lee', message: 'Hello \uDC00 there' });
    expect(status).toBe(200);
    for (const part of [email?.subject, email?.text, email?.html]) expect(part?.isWellFormed()).toBe(true);
    expect(email?.text).toContain('Ann \uFFFD Lee');
  });

  test('a name written as an encoded word reaches the subject as literal text', async () => {
    const { email } = await sentEmail({ name: '=?utf-8?B?RnJlZSBtb25leQ==?=' });
    expect(email?.subject).not.toContain('=?');
    expect(email?.subject).toContain('utf-8?B?RnJlZSBtb25leQ');
  });
});
