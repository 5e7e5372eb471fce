import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { messages, readEntries, schemaFor, type CollectionName } from './load-entries.ts';

const COLLECTIONS: CollectionName[] = ['home', 'locations', 'faq', 'pages', 'team'];
/** Pages whose content comes from elsewhere (the questions, the contact form): their title, description and lead are enough. */
const WITHOUT_TEXT = ['src/content/pages/faq.md', 'src/content/pages/contact.md'];

describe.each(COLLECTIONS)('every %s entry', (collection) => {
  const entries = readEntries(collection);

  test('exists', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  test.each(entries.map((entry) => [entry.file, entry] as const))('%s parses against its schema', (file, entry) => {
    const result = schemaFor(collection).safeParse(entry.data);
    expect(messages(result)).toEqual({});
    if (!WITHOUT_TEXT.includes(file)) expect(entry.body.trim().length, `${file} has body text`).toBeGreaterThan(40);
  });
});

test('the locations are the four settings the practice offers, in order', () => {
  expect(readEntries('locations').map((entry) => entry.id)).toEqual(['in-home', 'school', 'studio', 'virtual']);
  expect(readEntries('locations').map((entry) => entry.file)).toEqual(['in-home', 'school', 'studio', 'virtual'].map((id) => `src/content/locations/${id}/index.md`));
  const studio = readEntries('locations').find((entry) => entry.id === 'studio');
  expect(studio?.data).toMatchObject({ showsStudioAddress: true });
});

test('the FAQ has the seven questions of the practice, each with its own order', () => {
  const orders = readEntries('faq').map((entry) => (entry.data as { order: number }).order);
  expect(orders).toHaveLength(7);
  expect(new Set(orders).size).toBe(7);
});

test('every team photo sits next to its profile', () => {
  for (const { file, data } of readEntries('team')) expect(existsSync(join(dirname(file), String(data.photo))), file).toBe(true);
});

test('the example team member stays a draft until the owner replaces it', () => {
  const example = readEntries('team').find((entry) => entry.file.includes('example'));
  expect(example?.data).toMatchObject({ draft: true });
});
