/**
 * Every threshold the quality gates enforce, in one place. `npm test` fails when a page breaks one.
 * Bytes are transfer bytes: brotli for text (see page-weight.ts), as-is for fonts and images.
 */
export const budgets = {
  lighthouse: {
    /** Mobile, simulated throttling (Lighthouse's defaults). The goal is 100; noise on a busy machine costs a point or two. */
    performance: 98,
    accessibility: 100,
    bestPractices: 100,
    seo: 100,
  },
  bytes: {
    /** The HTML and every stylesheet it needs: the first round trip (about 14 KB) paints the page. */
    htmlAndCss: 14_000,
    /** JavaScript on a content page. */
    jsContentPage: 0,
    /** JavaScript on pages with an interactive enhancement (the contact form). */
    jsInteractivePage: 3_000,
    /** Everything a page loads, owner photos (team portraits) excepted. */
    total: 60_000,
  },
  /** MDN HTTP Observatory score (A+ starts at 100). */
  observatory: 100,
  /** Strict-Transport-Security max-age, in seconds: one year. */
  hstsMaxAge: 31_536_000,
} as const;

/** Pages allowed up to `jsInteractivePage` bytes of script; every other page ships none. */
export const interactivePages = new Set(['/contact/']);
