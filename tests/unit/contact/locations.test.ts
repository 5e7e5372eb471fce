import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readLocations } from '../../../netlify/functions/contact/locations.ts';
import { LOCATIONS } from './fixtures.ts';

/** The setting choices, read from the location files the site is built from. */

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'locations-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const read = () => readLocations(pathToFileURL(`${folder}/`));

test('src/content/locations: every location, with the label the form shows', async () => {
  expect(await readLocations()).toEqual({ ok: true, choices: LOCATIONS });
});

test.each([
  ['formLabel when there is one', 'title: Hospital visits\nformLabel: At the hospital', 'At the hospital'],
  ['the title otherwise', 'title: Hospital visits', 'Hospital visits'],
  ['a draft like any other', 'title: Hospital visits\nformLabel: At the hospital\ndraft: true', 'At the hospital'],
  ['the id when the front matter cannot be read', 'title: [unclosed', 'hospital'],
  ['the id when the title is not text', 'title:\n  - a list', 'hospital'],
])('a location is named by %s', async (_label, frontMatter, label) => {
  await writeFile(join(folder, 'hospital.md'), `---\n${frontMatter}\n---\nText.\n`);
  expect(await read()).toEqual({ ok: true, choices: [{ value: 'hospital', label }] });
});

test('ids are made as Astro makes them, from <id>.md or <id>/index.md; .mdx counts, hidden and "_" files do not', async () => {
  await mkdir(join(folder, 'Day Centre'));
  await mkdir(join(folder, '_drafts'));
  for (const name of ['Care Home.md', 'hospital.mdx', 'Day Centre/index.md', 'Day Centre/photo.jpg', '_drafts/later.md', '_kept-aside.md', '.school.md.swp', 'notes.txt']) {
    await writeFile(join(folder, name), '---\ntitle: A place\n---\n');
  }
  expect(await read()).toEqual({
    ok: true,
    choices: [
      { value: 'care-home', label: 'A place' },
      { value: 'day-centre', label: 'A place' },
      { value: 'hospital', label: 'A place' },
    ],
  });
});

test('an unreadable folder is reported by its error code only', async () => {
  await rm(folder, { recursive: true });
  expect(await read()).toEqual({ ok: false, problem: 'ENOENT' });
});
