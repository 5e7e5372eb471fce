import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { FALLBACK_CSS_PATH, fallbackCss } from '../../../bench/font-fallback.ts';

/**
 * The fallback faces are computed from the font files we ship (bench/font-fallback.ts). When
 * @fontsource/atkinson-hyperlegible-next or Capsize's metrics change, the file must be made again,
 * or text would jump when the web font arrives.
 */

test('src/styles/font-fallback.css is what bench/font-fallback.ts computes from the fonts installed', async () => {
  const { css } = await fallbackCss();
  expect(readFileSync(FALLBACK_CSS_PATH, 'utf8'), 'run `node bench/font-fallback.ts` and commit the result').toBe(css);
});

test('--font-body lists the fallback faces right after the web font', async () => {
  const { families } = await fallbackCss();
  const tokens = readFileSync('src/styles/tokens.css', 'utf8');
  const names = (property: string) => (new RegExp(`${property}:\\s*([^;]+);`).exec(tokens)?.[1] ?? '').split(',').map((name) => name.trim().replace(/^['"]|['"]$/g, ''));
  expect(names('--font-body')).toEqual(['Atkinson Hyperlegible Next', 'var(--font-fallback)']);
  expect(names('--font-fallback').slice(0, families.length)).toEqual(families);
});

test('every fallback face only names fonts on the visitor’s own device, so it costs no download', () => {
  const css = readFileSync(FALLBACK_CSS_PATH, 'utf8');
  expect(css).not.toMatch(/url\(/);
  expect(css.match(/@font-face/g)).toHaveLength(4);
});
