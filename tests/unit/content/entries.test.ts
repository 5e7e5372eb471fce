import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { siteSettingsSchema } from '../../../src/lib/settings-schema.ts';
import { contentEntries } from '../../support/content.ts';
import { messages, schemaFor, type CollectionName } from './load-entries.ts';

const COLLECTIONS: CollectionName[] = ['locations', 'faq', 'pages', 'team'];

describe.each(COLLECTIONS)('every %s entry', (collection) => {
  const entries = contentEntries(collection);

  test('exists', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  test.each(entries.map((entry) => [entry.file, entry] as const))('%s parses against its schema', (file, entry) => {
    const result = schemaFor(collection, file).safeParse(entry.data);
    expect(messages(result)).toEqual({});
    expect(entry.body.trim().length, `${file} has body text`).toBeGreaterThan(40);
  });
});

test('the site settings parse', () => {
  const { site } = JSON.parse(readFileSync('src/content/settings.json', 'utf8'));
  expect(messages(siteSettingsSchema.safeParse(site))).toEqual({});
});

test('the locations are the four settings the practice offers, in order', () => {
  const ids = readdirSync('src/content/locations').map((name) => name.replace(/\.mdx?$/, ''));
  expect(ids.sort()).toEqual(['in-home', 'school', 'studio', 'virtual']);
  const studio = contentEntries('locations').find((entry) => entry.file.endsWith('studio.md'));
  expect(studio?.data).toMatchObject({ showsStudioAddress: true });
});

test('the FAQ has the seven questions of the practice, each with its own order', () => {
  const orders = contentEntries('faq').map((entry) => entry.data.order);
  expect(orders).toHaveLength(7);
  expect(new Set(orders).size).toBe(7);
});

test('the example team member stays a draft until the owner replaces it', () => {
  const example = contentEntries('team').find((entry) => entry.file.includes('example'));
  expect(example?.data).toMatchObject({ draft: true });
});
