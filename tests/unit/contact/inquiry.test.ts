import { describe, expect, test } from 'vitest';
import { fieldErrors, inquirySchema } from '../../../netlify/functions/contact/inquiry.ts';
import { CONTACT_FIELDS, HONEYPOT_FIELD, SUBMISSION_ID_FIELD } from '../../../src/lib/contact/fields.ts';
import type { ContactField } from '../../../src/lib/contact/fields.ts';
import { LOCATIONS, SUBMISSION_ID, VALID_INQUIRY } from './fixtures.ts';

/** What counts as an inquiry: the schema built from the form's field descriptions and the locations. */

const LOCATION_IDS = LOCATIONS.map((location) => location.value);
const schema = inquirySchema(LOCATION_IDS);
const fields: readonly ContactField[] = CONTACT_FIELDS;

/** The first error message per field, in form order, as the function reports them. */
function errorsOf(input: Record<string, unknown>, against = schema): Record<string, string> {
  const result = against.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

describe('the schema accepts what people really send', () => {
  test.each([
    ['the full form', {}],
    ['only the required fields', { phone: undefined, contactMethod: undefined, role: undefined, ageGroup: undefined, setting: undefined }],
    ['blank optional answers, as a form posts them', { phone: '', role: '', ageGroup: '', setting: '', contactMethod: 'email' }],
    ['a phone with country code and extension', { phone: '+1 801-555-0123 ext. 12' }],
    ['a phone with dots', { phone: '801.555.0123' }],
    ['JSON true for the checkbox', { consent: true }],
    ['a checkbox without a value ("on")', { consent: 'on' }],
    ['a name with accents and an apostrophe', { name: "Zoë O'Test-Parent" }],
    ['a name of exactly 100 characters', { name: 'N'.repeat(100) }],
    ['a message of exactly 2,000 characters', { message: 'm'.repeat(2000) }],
    ['phone as preferred method with a number', { contactMethod: 'phone', phone: '801 555 0123' }],
    ['every setting, including not sure', { setting: 'not-sure' }],
    ['a submission id from the script', { submissionId: SUBMISSION_ID }],
    ['unknown extra fields (they are dropped)', { favouriteColour: 'blue' }],
  ])('%s', (_label, changes) => {
    const result = schema.safeParse({ ...VALID_INQUIRY, ...changes });
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  test('trims, normalises line breaks, applies defaults and drops unknown fields', () => {
    const result = schema.parse({
      name: '  Test Parent  ',
      email: ' test@example.com ',
      message: '  Line one\r\nLine two\u0007  ',
      consent: 'yes',
      phone: '   ',
      extra: 'dropped',
    });
    expect(result).toEqual({
      name: 'Test Parent',
      email: 'test@example.com',
      contactMethod: 'either',
      setting: 'not-sure',
      message: 'Line one\nLine two',
      consent: true,
    });
  });

  test('an unusable submission id is ignored, not an error the visitor cannot fix', () => {
    const result = schema.parse({ ...VALID_INQUIRY, submissionId: 'short<script>' });
    expect(result.submissionId).toBeUndefined();
  });
});

describe('the schema explains what to fix, field by field', () => {
  test.each([
    ['missing name', { name: undefined }, 'name', 'Enter your name'],
    ['blank name', { name: '   ' }, 'name', 'Enter your name'],
    ['name too long', { name: 'N'.repeat(101) }, 'name', 'Your name must be 100 characters or fewer'],
    ['line break in the name', { name: 'Test\r\nBcc: victim@example.com' }, 'name', 'Remove any line breaks or tab characters from your name'],
    ['control character in the name', { name: 'Test\u0000Parent' }, 'name', 'Remove any line breaks or tab characters from your name'],
    ['Unicode line separator in the name', { name: 'Test\u2028Parent' }, 'name', 'Remove any line breaks or tab characters from your name'],
    ['name is a number (JSON)', { name: 42 }, 'name', 'Enter your name'],
    ['missing email', { email: '' }, 'email', 'Enter your email address, like name@example.com'],
    ['email without @', { email: 'test.example.com' }, 'email', 'Enter your email address in the right format, like name@example.com'],
    ['email with a header injection', { email: 'test@example.com\r\nBcc: victim@example.com' }, 'email', 'Enter your email address in the right format, like name@example.com'],
    ['email too long', { email: `${'a'.repeat(250)}@example.com` }, 'email', 'Your email address must be 254 characters or fewer'],
    ['phone with letters', { phone: 'call me maybe' }, 'phone', 'Enter a phone number with its area code, like (801) 555-0123'],
    ['phone too short', { phone: '555-01' }, 'phone', 'Enter a phone number with its area code, like (801) 555-0123'],
    ['phone too long', { phone: '1'.repeat(31) }, 'phone', 'Your phone number must be 30 characters or fewer'],
    ['phone preferred but none given', { contactMethod: 'phone', phone: '' }, 'phone', 'Enter a phone number so we can call you back, or choose email as the way to reach you'],
    ['unknown contact method', { contactMethod: 'pigeon' }, 'contactMethod', 'Choose how we should get back to you: email, phone or either'],
    ['unknown role', { role: 'admin' }, 'role', 'Choose who you are asking for from the list'],
    ['unknown age group', { ageGroup: '200+' }, 'ageGroup', 'Choose an age group from the list'],
    ['unknown setting', { setting: 'moon' }, 'setting', 'Choose where you would like sessions, or "Not sure yet"'],
    ['setting posted twice', { setting: ['school', 'studio'] }, 'setting', 'Choose where you would like sessions, or "Not sure yet"'],
    ['missing message', { message: '' }, 'message', 'Tell us a little about what you are looking for'],
    ['message of only control characters', { message: '\u0001\u0002 ' }, 'message', 'Tell us a little about what you are looking for'],
    ['message too long', { message: 'm'.repeat(2001) }, 'message', 'Your message must be 2,000 characters or fewer'],
    ['message is an object (JSON)', { message: { text: 'hi' } }, 'message', 'Tell us a little about what you are looking for'],
    ['consent missing', { consent: undefined }, 'consent', 'Tick the box to confirm you understand this form is not for medical details or emergencies'],
    ['consent "no"', { consent: 'no' }, 'consent', 'Tick the box to confirm you understand this form is not for medical details or emergencies'],
    ['consent JSON false', { consent: false }, 'consent', 'Tick the box to confirm you understand this form is not for medical details or emergencies'],
  ])('%s', (_label, changes, field, message) => {
    const errors = errorsOf({ ...VALID_INQUIRY, ...changes });
    expect(errors[field]).toBe(message);
    expect(Object.keys(errors)).toEqual([field]);
  });

  test('a missing phone number is reported with the other problems, not in a second round', () => {
    expect(errorsOf({ name: 'Test Parent', email: 'test@example.com', contactMethod: 'phone', message: 'Hello' })).toEqual({
      consent: 'Tick the box to confirm you understand this form is not for medical details or emergencies',
      phone: 'Enter a phone number so we can call you back, or choose email as the way to reach you',
    });
  });

  test.each([
    ['a message over its limit', { message: 'x'.repeat(2001) }, 'message'],
    ['a name over its limit', { name: 'x'.repeat(101) }, 'name'],
  ])('a missing phone number is reported beside %s, too', (_label, changes, field) => {
    expect(Object.keys(errorsOf({ ...VALID_INQUIRY, contactMethod: 'phone', phone: '', ...changes })).sort()).toEqual([field, 'phone'].sort());
  });

  test('a name of only invisible characters is no name', () => {
    expect(errorsOf({ ...VALID_INQUIRY, name: '\u200B\u200D\uFEFF' })).toEqual({ name: 'Enter your name' });
  });

  test('an empty body gets one plain message per required field', () => {
    expect(errorsOf({})).toMatchInlineSnapshot(`
      {
        "consent": "Tick the box to confirm you understand this form is not for medical details or emergencies",
        "email": "Enter your email address, like name@example.com",
        "message": "Tell us a little about what you are looking for",
        "name": "Enter your name",
      }
    `);
  });
});

describe('the field descriptions the form renders from', () => {
  test('names are unique and are exactly the schema keys (plus the hidden submission id)', () => {
    const names = fields.map((field) => field.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(schema.shape).sort()).toEqual([...names, SUBMISSION_ID_FIELD].sort());
    expect(names).not.toContain(HONEYPOT_FIELD);
  });

  test('every field has a label, a short label and a message a visitor can act on', () => {
    for (const field of fields) {
      expect(field.label.length, field.name).toBeGreaterThan(2);
      expect(field.shortLabel.length, field.name).toBeGreaterThan(2);
      expect(field.requiredMessage, field.name).toMatch(/^[A-Z]/);
      expect(field.requiredMessage, field.name).not.toMatch(/invalid|error|undefined|required/i);
    }
  });

  test('text limits in the descriptions are the limits the schema enforces', () => {
    for (const field of fields) {
      if (field.control !== 'text' && field.control !== 'email' && field.control !== 'tel' && field.control !== 'textarea') continue;
      const valid = { name: 'Test Parent', email: 'test@example.com', message: 'Hello', consent: 'yes' };
      const atLimit = field.control === 'email' ? `${'a'.repeat(field.maxLength - 12)}@example.com` : field.control === 'tel' ? '8'.repeat(15).padStart(field.maxLength, ' ') : 'a'.repeat(field.maxLength);
      const overLimit = field.control === 'email' ? `${'a'.repeat(field.maxLength - 11)}@example.com` : 'a'.repeat(field.maxLength + 1);
      expect(schema.safeParse({ ...valid, [field.name]: atLimit }).success, `${field.name} at its limit`).toBe(true);
      const over = schema.safeParse({ ...valid, [field.name]: overLimit });
      expect(over.success, `${field.name} over its limit`).toBe(false);
    }
  });

  test('every radio group has a default among its options; options are unique', () => {
    for (const field of fields) {
      if (field.control !== 'radio' && field.control !== 'select') continue;
      const values = field.options.map((option) => option.value);
      expect(new Set(values).size, field.name).toBe(values.length);
      if (field.control === 'radio') expect(values, field.name).toContain(field.defaultValue);
    }
  });

  test('autocomplete tokens are the standard ones', () => {
    const tokens = Object.fromEntries(fields.filter((field) => field.autocomplete).map((field) => [field.name, field.autocomplete]));
    expect(tokens).toEqual({ name: 'name', email: 'email', phone: 'tel' });
  });
});

describe('the setting question takes the locations as they are, plus "not sure"', () => {
  const SETTING_MESSAGE = 'Choose where you would like sessions, or "Not sure yet"';

  test.each([...LOCATION_IDS, 'not-sure'])('%s', (setting) => {
    expect(schema.parse({ ...VALID_INQUIRY, setting }).setting).toBe(setting);
  });

  test('any location in the list, drafts included (the list has them all)', () => {
    expect(inquirySchema([...LOCATION_IDS, 'hospital']).parse({ ...VALID_INQUIRY, setting: 'hospital' }).setting).toBe('hospital');
  });

  test.each([
    ['a location not in the list', LOCATION_IDS, 'hospital'],
    ['a location id in another case', LOCATION_IDS, 'In-Home'],
    ['no locations at all', [], 'in-home'],
    ['the list unreadable: markup', undefined, '<b>x</b>'],
    ['the list unreadable: too long', undefined, 'x'.repeat(65)],
    ['the list unreadable: a list', undefined, ['school', 'studio']],
  ])('refused: %s', (_label, ids, setting) => {
    expect(errorsOf({ ...VALID_INQUIRY, setting }, inquirySchema(ids))).toEqual({ setting: SETTING_MESSAGE });
  });

  test.each(['school', 'hospital', 'café', 'not-sure'])('the list unreadable: any id-shaped answer is taken (%s)', (setting) => {
    expect(inquirySchema(undefined).parse({ ...VALID_INQUIRY, setting }).setting).toBe(setting);
  });

  test('blank means "not sure", with or without the list', () => {
    for (const ids of [LOCATION_IDS, undefined]) expect(inquirySchema(ids).parse({ ...VALID_INQUIRY, setting: '' }).setting).toBe('not-sure');
  });
});
