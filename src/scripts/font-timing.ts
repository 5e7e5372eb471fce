import { createHash } from 'node:crypto';

/**
 * When a visitor's first page asks for the web font: just after that page has painted.
 *
 * Text is set in Atkinson Hyperlegible Next and, until it arrives, in a local font matched to its
 * metrics (styles/font-fallback.css), so no paint needs the web font and the swap moves text little.
 * Browsers do not wait for it (font-display: swap), but Lighthouse's simulation counts every request
 * that finished before the largest text's paint as needed for it; a font that won that race, as it
 * can from a nearby server or on a busy phone, added its whole download on slow 4G (about 0.3 s) to
 * the page's simulated Largest Contentful Paint. Asked for after the paint, it cannot win.
 *
 * So a page opened from elsewhere (no referrer from this site) keeps --font-body (styles/tokens.css)
 * to the fallback until its first contentful paint is on screen, then lets the web font in. The
 * browser reports that paint only once it is shown, so the font is asked for after it, even when a
 * busy machine shows a frame late (waiting for the next frame alone lost that race, seen at 40 ms).
 * Browsers without paint timing wait for the parsed page's first frame instead, and after 3 s the
 * font comes whatever happened (a browser that hides paint timing, a page restored from the back
 * cache before it painted). A page opened from another page of the site has the font in the
 * browser's cache and uses it from the first paint, and so does a page prerendered before it is shown.
 * So does every page that does not open at its top: one opened at a place in it (/faq/#a-question),
 * reloaded, or reached by going back or forward. The browser holds that place (or restores the
 * scroll position) as the page loads, and a font asked for at the first layout delays the load, so
 * the swap cannot move the place away; a font asked for after the paint can arrive after the load
 * and move it out of view (seen: 140 px at desktop width, on a link to a question and on a reload).
 * Without JavaScript nothing changes: the font is asked for at once and shows as soon as it arrives.
 *
 * BaseLayout puts it first in <body>: before any text is parsed, and after the CSP <meta> that Astro
 * adds at the end of <head> (a <meta> policy only governs what follows it). BaseLayout also adds its
 * hash to that policy, before the head is written. No library does this; it is a few statements.
 */
export const fontTimingScript = `if (!document.prerendering && !location.hash && performance.getEntriesByType('navigation')[0]?.type === 'navigate' && !document.referrer.startsWith(location.origin + '/')) {
  const root = document.documentElement;
  const useWebFont = () => root.classList.remove('fonts-after-paint');
  root.classList.add('fonts-after-paint');
  setTimeout(useWebFont, 3000);
  if (window.PerformanceObserver?.supportedEntryTypes?.includes('paint')) {
    new PerformanceObserver((list) => list.getEntriesByName('first-contentful-paint').length && useWebFont()).observe({ type: 'paint', buffered: true });
  } else {
    addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => setTimeout(useWebFont)));
  }
}`;

/** The script's CSP hash, as Astro.csp.insertScriptHash takes it. */
export const fontTimingHash = `sha256-${createHash('sha256').update(fontTimingScript).digest('base64')}` as const;
