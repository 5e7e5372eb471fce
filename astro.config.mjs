// @ts-check
import { defineConfig, fontProviders } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import netlify from '@netlify/vite-plugin';
import { cms } from './src/integrations/cms.ts';
import { exampleValues } from './src/integrations/example-values.ts';
import { getSiteSettings } from './src/lib/site-settings.ts';

/**
 * Requests that can reach the function (anything but GET and HEAD) go to Netlify's emulation one at
 * a time. @netlify/dev bundles the function afresh into a temporary folder for every call and lets
 * calls that overlap share one bundle, whose folder the first to finish deletes: concurrent posts
 * then got 500s and stack traces.
 * @returns {import('vite').Plugin}
 */
function oneFunctionCallAtATime() {
  let previous = Promise.resolve();
  return {
    name: 'contact-function-one-call-at-a-time',
    enforce: 'pre',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.method === 'GET' || request.method === 'HEAD') return next();
        const done = new Promise((resolve) => response.once('close', resolve));
        const turn = previous.then(() => {
          next();
          return done;
        });
        previous = turn.then(() => undefined);
      });
    },
  };
}

// The published address lives with the other site facts, so the owner changes it in one place. A
// mistake in settings.json stops `npm start` and every build here, with the owner's message.
const settings = await getSiteSettings();

export default defineConfig({
  site: settings.siteUrl,
  // 'ignore', not 'always': in dev, 'always' answers /api/contact (the function's path) with a 404
  // before Netlify's emulation sees it. Pages still link to the slash form (tested), as Netlify serves them.
  trailingSlash: 'ignore',
  // The content has no code samples, and Shiki's inline styles would need 'unsafe-inline' under the CSP.
  markdown: { syntaxHighlight: false },
  build: { format: 'directory', inlineStylesheets: 'always' },
  // Atkinson Hyperlegible Next, designed for low-vision readers, served from the site itself; Astro adds a
  // local fallback font matched to its metrics, so text keeps its place when the web font arrives.
  // Its zero stays slashed: the font has no plain zero (its GSUB has no 'zero', 'ss' or 'cv' feature for it).
  fonts: [
    {
      provider: fontProviders.local(),
      name: 'Atkinson Hyperlegible Next',
      cssVariable: '--font-atkinson',
      fallbacks: ['sans-serif'],
      options: {
        variants: [
          { weight: 400, style: 'normal', src: ['@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-400-normal.woff2'] },
          { weight: 700, style: 'normal', src: ['@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-700-normal.woff2'] },
        ],
      },
    },
  ],
  integrations: [
    mdx(),
    exampleValues(),
    // The thank-you page is a result, not a destination for search engines; nor is the content
    // manager (a file in public/, which the sitemap does not list today: kept out should that change).
    sitemap({ filter: (page) => !page.includes('/contact/thanks/') && !page.includes('/admin/') }),
    // The content manager at /admin/ (public/admin/): Decap's files in the build, its local mode in `npm start`.
    cms(),
  ],
  security: {
    // Astro hashes every script and style it emits into a CSP <meta>; netlify.toml adds the
    // header-only directives (frame-ancestors) on the CDN.
    csp: {
      directives: [
        "default-src 'none'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "manifest-src 'self'",
      ],
    },
  },
  vite: {
    // Netlify's own emulation serves netlify/functions/contact/ at /api/contact inside `astro dev`,
    // offline. Edge functions stay off: the site has none, and their runtime download needs the internet.
    // `enforce: 'pre'` puts its middleware ahead of Astro's, which otherwise answers /api/contact with a 404.
    plugins: [
      oneFunctionCallAtATime(),
      ...netlify({ edgeFunctions: { enabled: false }, blobs: { enabled: false }, images: { enabled: false } }).map(
        (/** @type {import('vite').Plugin} */ plugin) => ({ ...plugin, enforce: /** @type {const} */ ('pre') }),
      ),
    ],
  },
});
