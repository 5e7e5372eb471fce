import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ERROR_PAGE_STYLE } from '../../../netlify/functions/contact/replies.ts';

/**
 * WCAG contrast, computed from the colours as they are: src/styles/tokens.css for the site and the
 * contact function's own error page style (replies.ts), which cannot use the site's stylesheet.
 *
 * - Text: at least 7:1 (WCAG 1.4.6, AAA) for every text colour on every background it is used on,
 *   whatever the size. Our visitors include people with low vision.
 * - Non-text: at least 3:1 (WCAG 1.4.11) for what shows a control or its state: the focus ring,
 *   control borders, checkbox and radio fill, the error border.
 *
 * The tables list every pair the components and global.css use, with where; a last test reads every
 * `color:` and `background:` in src/ and fails when a token is used that no pair covers.
 */

const TOKENS_CSS = readFileSync(new URL('../../../src/styles/tokens.css', import.meta.url), 'utf8');

/** The `--color-*` custom properties of tokens.css, `var()` references resolved. */
function colourTokens(css: string): Record<string, string> {
  const raw = Object.fromEntries([...css.matchAll(/--color-([\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name!, value!.trim()]));
  const resolve = (value: string, seen: string[] = []): string => {
    const reference = /^var\(--color-([\w-]+)\)$/.exec(value)?.[1];
    if (!reference) return value;
    if (seen.includes(reference) || !(reference in raw)) throw new Error(`tokens.css: --color-${reference} cannot be resolved`);
    return resolve(raw[reference]!, [...seen, reference]);
  };
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, resolve(value)]));
}

const COLOURS = colourTokens(TOKENS_CSS);

/** sRGB channels 0–1 of a #rgb or #rrggbb colour. */
function channels(hex: string): [number, number, number] {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!digits) throw new Error(`not a #rgb or #rrggbb colour: ${hex}`);
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  return [0, 2, 4].map((start) => Number.parseInt(full.slice(start, start + 2), 16) / 255) as [number, number, number];
}

/** WCAG 2.x relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio, 1 to 21, unrounded (6.999 is not 7). */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const AAA_TEXT = 7;
const NON_TEXT = 3;

interface Pair {
  /** The colour token (without `--color-`) of the text or the part. */
  readonly fg: string;
  /** The background token it sits on. */
  readonly bg: string;
  readonly where: string;
}

/** Every text colour on every background it is used on. Backgrounds: bg (page), surface (white), surface-tint, brand, brand-strong. */
const TEXT_PAIRS: readonly Pair[] = [
  { fg: 'text', bg: 'bg', where: 'body text on every page (global.css body)' },
  { fg: 'text', bg: 'surface', where: 'menu links (SiteHeader nav); hero, location cards, FAQ list, location facts; typed answers in the form; the form result box' },
  { fg: 'text', bg: 'surface-tint', where: '"Have a question?" box text (CallToAction); hovered menu link (SiteHeader nav); quotation (global.css .prose .quotation)' },
  { fg: 'text-muted', bg: 'bg', where: 'form hints (ContactForm .hint); therapist role (about.astro .role); "Last reviewed" (ContentPage .updated)' },
  { fg: 'text-muted', bg: 'surface-tint', where: 'quotation source (global.css .prose figcaption, inside .quotation)' },
  { fg: 'brand', bg: 'bg', where: 'links in page text (global.css a)' },
  { fg: 'brand', bg: 'surface', where: 'links in the header (call link), location cards, FAQ list, location facts, the form result box' },
  { fg: 'brand-strong', bg: 'bg', where: 'headings h1–h3 and hovered links (global.css)' },
  { fg: 'brand-strong', bg: 'surface', where: 'practice name (SiteHeader .brand); current page in the menu (SiteHeader nav); headings in cards, FAQ list, location facts, error summary; secondary button (global.css .button.secondary)' },
  { fg: 'brand-strong', bg: 'surface-tint', where: '"Have a question?" heading (CallToAction h2); hovered secondary button, hovered call link, hovered current menu link' },
  { fg: 'on-brand', bg: 'brand', where: 'primary button (global.css .button)' },
  { fg: 'on-brand', bg: 'brand-strong', where: 'footer text and links (SiteFooter); skip link (BaseLayout .skip-link); hovered primary button' },
  { fg: 'error', bg: 'bg', where: 'field error messages (ContactForm .field-error)' },
  { fg: 'error', bg: 'surface', where: 'error summary links (ContactForm .error-summary a)' },
];

/** What shows a control, its state or focus: 3:1 against what is beside it. */
const NON_TEXT_PAIRS: readonly Pair[] = [
  { fg: 'focus', bg: 'bg', where: 'focus ring (global.css :focus-visible) on the page' },
  { fg: 'focus', bg: 'surface', where: 'focus ring in the header, cards and boxes' },
  { fg: 'focus', bg: 'surface-tint', where: 'focus ring in the "Have a question?" box' },
  { fg: 'on-brand', bg: 'brand-strong', where: 'focus ring in the footer (SiteFooter :focus-visible)' },
  { fg: 'text-muted', bg: 'surface', where: 'border of text boxes and lists (ContactForm), inside' },
  { fg: 'text-muted', bg: 'bg', where: 'border of text boxes and lists (ContactForm), outside' },
  { fg: 'brand', bg: 'bg', where: 'checkboxes and radio buttons (ContactForm accent-color); primary button fill; call link border' },
  { fg: 'brand', bg: 'surface', where: 'call link border (SiteHeader .call); result box border (ContactForm .form-status)' },
  { fg: 'error', bg: 'bg', where: 'left border of a field with an error (ContactForm .has-error)' },
  { fg: 'error', bg: 'surface', where: 'error summary and failure box borders (ContactForm)' },
];

describe('tokens.css', () => {
  test('every colour token is a #rgb or #rrggbb colour, or a var() of one', () => {
    expect(Object.keys(COLOURS).length).toBeGreaterThan(5);
    for (const [name, value] of Object.entries(COLOURS)) expect(() => channels(value), name).not.toThrow();
  });

  test.each(TEXT_PAIRS)('text: $fg on $bg reaches 7:1 — $where', ({ fg, bg }) => {
    const ratio = contrast(COLOURS[fg]!, COLOURS[bg]!);
    expect(ratio, `--color-${fg} ${COLOURS[fg]} on --color-${bg} ${COLOURS[bg]}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(AAA_TEXT);
  });

  test.each(NON_TEXT_PAIRS)('non-text: $fg on $bg reaches 3:1 — $where', ({ fg, bg }) => {
    const ratio = contrast(COLOURS[fg]!, COLOURS[bg]!);
    expect(ratio, `--color-${fg} ${COLOURS[fg]} beside --color-${bg} ${COLOURS[bg]}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(NON_TEXT);
  });
});

describe('the tables cover what the components use', () => {
  /** Every .astro and .css file under src/. */
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.(astro|css)$/.test(entry.name) ? [path] : [];
    });
  }

  const sources = sourceFiles(new URL('../../../src', import.meta.url).pathname).map((path) => readFileSync(path, 'utf8'));
  const tokensIn = (property: RegExp) =>
    new Set(sources.flatMap((source) => [...source.matchAll(new RegExp(`(?<![\\w-])${property.source}\\s*:\\s*var\\(--color-([\\w-]+)\\)`, 'g'))].map((match) => match[1]!)));

  test('every token used as a text colour has its pairs in the text table', () => {
    const listed = new Set(TEXT_PAIRS.map((pair) => pair.fg));
    const used = [...tokensIn(/color/)];
    expect(used.length).toBeGreaterThan(3);
    expect(used.filter((token) => !listed.has(token)), 'a new text colour: add each background it is used on to TEXT_PAIRS').toEqual([]);
  });

  test('every token used as a background is a background in the text table', () => {
    const listed = new Set(TEXT_PAIRS.map((pair) => pair.bg));
    const used = [...tokensIn(/background(?:-color)?/)];
    expect(used.length).toBeGreaterThan(2);
    expect(used.filter((token) => !listed.has(token)), 'a new background: add each text colour used on it to TEXT_PAIRS').toEqual([]);
  });

  test('every pair names tokens that exist', () => {
    for (const { fg, bg } of [...TEXT_PAIRS, ...NON_TEXT_PAIRS]) {
      expect(COLOURS, fg).toHaveProperty([fg]);
      expect(COLOURS, bg).toHaveProperty([bg]);
    }
  });
});

describe("the contact function's error page (replies.ts), which has its own colours", () => {
  /** selector → property → value, from the one-line stylesheet. */
  const rules = new Map(
    [...ERROR_PAGE_STYLE.matchAll(/([^{}]+)\{([^}]*)\}/g)].map(([, selector, body]) => [
      selector!.trim(),
      Object.fromEntries(body!.split(';').filter(Boolean).map((declaration) => declaration.split(':').map((part) => part.trim()) as [string, string])),
    ]),
  );
  const page = rules.get('body')!;
  const colourIn = (value: string | undefined) => /#[0-9a-f]{3,6}\b/i.exec(value ?? '')?.[0] ?? '';

  test('the page is dark text on a light background', () => {
    expect(page.color).toMatch(/^#/);
    expect(page.background).toMatch(/^#/);
  });

  test.each([
    ['body text', () => page.color],
    ['links', () => rules.get('a')?.color],
  ])('text: %s reach 7:1', (_label, colour) => {
    expect(contrast(colourIn(colour()), page.background!)).toBeGreaterThanOrEqual(AAA_TEXT);
  });

  test.each([
    ['the focus ring', () => rules.get('a:focus')?.outline],
    ['the error summary border', () => rules.get('.error-summary')?.border],
  ])('non-text: %s reaches 3:1', (_label, declaration) => {
    expect(contrast(colourIn(declaration()), page.background!)).toBeGreaterThanOrEqual(NON_TEXT);
  });
});
