/**
 * Every threshold the quality gates enforce, in one place. `npm test` fails when a page breaks one.
 * Each gives the same answer on an idle or a busy machine: Lighthouse's Performance score (and its
 * timings) move with machine load, so `npm run report` prints them and nothing fails on them.
 * Bytes are transfer bytes: brotli for text (see page-weight.ts), as-is for fonts and images.
 */
export const budgets = {
  /**
   * Lighthouse categories in which every audit must pass (a score of 100), but for the failures a
   * noindex page and the 404 page have by design (lighthouse.ts).
   */
  lighthouse: ['accessibility', 'best-practices', 'seo'] as const,
  /** Layout shift (CLS) from any cause but late web fonts (lighthouse.ts); a static page has none. */
  layoutShift: 0.01,
  bytes: {
    /** The HTML and every stylesheet it needs: the first round trip (about 14 KB) paints the page. */
    htmlAndCss: 14_000,
    /** JavaScript on a content page: none. */
    jsContentPage: 0,
    /** JavaScript on pages with an interactive enhancement (the contact form). */
    jsInteractivePage: 3_000,
    /** Everything a page loads, owner photos (team portraits) excepted. */
    total: 60_000,
  },
  /** Downloads a page makes, the HTML included: today the HTML, two font faces, two icons, the manifest. */
  requests: 8,
  /** MDN HTTP Observatory score (A+ starts at 100). */
  observatory: 100,
  /** Strict-Transport-Security max-age, in seconds: one year. */
  hstsMaxAge: 31_536_000,
} as const;

/** Pages allowed up to `jsInteractivePage` bytes of script; every other page ships none. */
export const interactivePages = new Set(['/contact/']);
