/**
 * The owner's guide (docs/editing.md) and its pictures: each picture it shows exists, says what it
 * shows, and is taken from the real content manager by tests/docs/guide.spec.ts
 * (`npm run docs:screenshots`); no picture is left over; the README links to the guide.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { expect, test } from 'vitest';

const guide = readFileSync('docs/editing.md', 'utf8');
const pictures = [...guide.matchAll(/!\[([^\]]*)\]\(images\/([^)]+)\)/g)].map(([, alt = '', file = '']) => ({ alt, file }));
const screenshots = readFileSync('tests/docs/guide.spec.ts', 'utf8');

test('the guide shows pictures, each described for people who cannot see it', () => {
  expect(pictures.length).toBeGreaterThanOrEqual(10);
  for (const { alt, file } of pictures) expect(alt.length, file).toBeGreaterThan(20);
});

test.each(pictures.map(({ file }) => file))('%s exists, is a PNG of a reasonable size, and is taken by the screenshot script', (file) => {
  const path = `docs/images/${file}`;
  expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  expect(statSync(path).size).toBeLessThan(150_000);
  expect(screenshots).toContain(`'${file.replace(/\.png$/, '')}'`);
});

test('every picture in docs/images is in the guide', () => {
  expect(readdirSync('docs/images').sort()).toEqual([...new Set(pictures.map(({ file }) => file))].sort());
});

test('the guide covers signing in, the phone number, a question, a therapist with a photo, hiding, preview, publishing and the checklist', () => {
  const headings = [...guide.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading);
  expect(headings).toEqual(
    expect.arrayContaining(['Sign in', 'Change the phone number', 'Save, preview, publish', 'Add a question', 'Add a therapist, with a photo', 'Hide something that is not ready', 'The launch checklist']),
  );
});

test('the README links to the guide', () => {
  expect(readFileSync('README.md', 'utf8')).toContain('](docs/editing.md)');
});
