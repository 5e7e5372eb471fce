import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CONTACT_FIELDS, HONEYPOT_FIELD, LOCATION_IDS, SETTING_OPTIONS, SUBMISSION_ID_FIELD } from '../../../src/lib/contact/fields.ts';
import type { ContactField } from '../../../src/lib/contact/fields.ts';
import { contactSchema } from '../../../src/lib/contact/schema.ts';

const fields: readonly ContactField[] = CONTACT_FIELDS;

describe('the field descriptions the form renders from', () => {
  test('names are unique and are exactly the schema keys (plus the hidden submission id)', () => {
    const names = fields.map((field) => field.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(contactSchema.shape).sort()).toEqual([...names, SUBMISSION_ID_FIELD].sort());
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
      expect(contactSchema.safeParse({ ...valid, [field.name]: atLimit }).success, `${field.name} at its limit`).toBe(true);
      const over = contactSchema.safeParse({ ...valid, [field.name]: overLimit });
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

describe('settings and locations stay in step', () => {
  test('the setting choices are the location ids plus "not sure"', () => {
    expect(SETTING_OPTIONS.map((option) => option.value)).toEqual([...LOCATION_IDS, 'not-sure']);
  });

  test('the location ids are the files in src/content/locations', () => {
    const ids = readdirSync(new URL('../../../src/content/locations/', import.meta.url))
      .filter((name) => /\.mdx?$/.test(name))
      .map((name) => name.replace(/\.mdx?$/, ''))
      .sort();
    expect(ids).toEqual([...LOCATION_IDS].sort());
  });
});
