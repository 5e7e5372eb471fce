import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { brokenLinkProblems, imageProblems, renderBlockingProblems, structuredDataProblems } from '../../quality/html-checks.ts';
import { parseHtml } from '../../quality/html.ts';

const page = (body: string, head = ''): ReturnType<typeof parseHtml> =>
  parseHtml(`<!doctype html><html lang="en"><head><title>t</title>${head}</head><body>${body}</body></html>`);

describe('imageProblems', () => {
  test.each([
    ['a sized, described, lazy WebP from astro:assets', '<img src="/_astro/a.1.webp" width="240" height="240" alt="A therapist" loading="lazy">'],
    ['a decorative image (empty alt)', '<img src="/_astro/a.1.avif" width="10" height="10" alt="" loading="lazy">'],
    ['an above-the-fold image marked eager', '<img src="/_astro/a.1.webp" width="10" height="10" alt="x" loading="eager" fetchpriority="high">'],
    ['an SVG', '<img src="/logo.svg" width="10" height="10" alt="Logo" loading="lazy">'],
    ['a picture whose sources are modern', '<picture><source srcset="/_astro/a.avif 1x" type="image/avif"><img src="/_astro/a.webp" width="1" height="1" alt="x" loading="lazy"></picture>'],
  ])('passes %s', (_label, html) => {
    expect(imageProblems(page(html))).toEqual([]);
  });

  test.each([
    ['no width', '<img src="/_astro/a.webp" height="10" alt="x" loading="lazy">', '<img a.webp> has no width'],
    ['no height', '<img src="/_astro/a.webp" width="10" alt="x" loading="lazy">', '<img a.webp> has no height'],
    ['no alt', '<img src="/_astro/a.webp" width="10" height="10" loading="lazy">', '<img a.webp> has no alt'],
    ['a JPEG', '<img src="/_astro/a.jpg" width="10" height="10" alt="x" loading="lazy">', '<img a.jpg> serves /_astro/a.jpg, not WebP or AVIF'],
    ['a JPEG in the srcset', '<img src="/_astro/a.webp" srcset="/_astro/a.png 2x" width="10" height="10" alt="x" loading="lazy">', '<img a.webp> serves /_astro/a.png, not WebP or AVIF'],
    ['an image from public/', '<img src="/team.webp" width="10" height="10" alt="x" loading="lazy">', '<img team.webp> serves /team.webp from outside astro:assets (/_astro/)'],
    ['an image neither lazy nor eager', '<img src="/_astro/a.webp" width="10" height="10" alt="x">', '<img a.webp> is not loading="lazy" (mark an above-the-fold image loading="eager")'],
  ])('flags %s', (_label, html, problem) => {
    expect(imageProblems(page(html))).toEqual([problem]);
  });
});

describe('renderBlockingProblems', () => {
  test('inline CSS, a module script and a deferred script block nothing', () => {
    expect(renderBlockingProblems(page('', '<style>p{color:red}</style><script type="module" src="/a.js"></script><script defer src="/b.js"></script><link rel="stylesheet" href="/print.css" media="print">'))).toEqual([]);
  });

  test.each([
    ['a stylesheet link', '<link rel="stylesheet" href="/a.css">', '<link rel="stylesheet" href="/a.css"> blocks rendering (inline the CSS)'],
    ['a classic script in the head', '<script src="/a.js"></script>', '<script src="/a.js"> in <head> blocks rendering (use type="module", defer or async)'],
    ['an @import', '<style>@import "/a.css";</style>', 'an inline <style> uses @import, a render-blocking request'],
  ])('flags %s', (_label, head, problem) => {
    expect(renderBlockingProblems(page('', head))).toEqual([problem]);
  });
});

describe('structuredDataProblems', () => {
  const business = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"MedicalBusiness","name":"P","url":"https://x/","telephone":"+1","address":{"@type":"PostalAddress"}}</script>';
  const faq = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Q?","acceptedAnswer":{"@type":"Answer","text":"A."}}]}</script>';

  test('a page with the practice, and the FAQ page with its questions, pass', () => {
    expect(structuredDataProblems(page('', business), [])).toEqual([]);
    expect(structuredDataProblems(page('', business + faq), ['FAQPage'])).toEqual([]);
  });

  test.each([
    ['no MedicalBusiness', '', [], ['no MedicalBusiness in the structured data (found: none)']],
    ['a missing FAQPage', business, ['FAQPage'], ['no FAQPage in the structured data (found: MedicalBusiness)']],
    ['invalid JSON', `${business}<script type="application/ld+json">{"@type":</script>`, [], [expect.stringMatching(/^a JSON-LD block is not valid JSON/)]],
    ['a question without an answer', business + faq.replace(/,"acceptedAnswer":\{[^}]*\}/, ''), ['FAQPage'], [expect.stringMatching(/^an FAQPage entry is not a Question/)]],
  ])('flags %s', (_label, head, types, problems) => {
    expect(structuredDataProblems(page('', head as string), types as string[])).toEqual(problems);
  });
});

describe('brokenLinkProblems', () => {
  const dist = mkdtempSync(join(tmpdir(), 'quality-links-'));
  for (const [path, html] of Object.entries({ 'index.html': '<h2 id="here">x</h2>', 'faq/index.html': '<h2 id="fees">x</h2>', 'og.png': 'png' })) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), html);
  }
  const check = (body: string, head = ''): string[] => brokenLinkProblems(page(body, head), '/', { dist, siteUrl: 'https://www.example.com' });

  test('pages, anchors, assets, the site\'s own absolute URLs and other sites pass', () => {
    expect(check('<a href="/faq/">f</a><a href="/faq/#fees">f</a><a href="#here">h</a><a href="https://elsewhere.example/">x</a><a href="tel:+1">t</a><form action="/api/contact" method="post"></form>', '<link rel="canonical" href="https://www.example.com/faq/"><meta property="og:image" content="https://www.example.com/og.png">')).toEqual([]);
  });

  test.each([
    ['a missing page', '<a href="/fees/">x</a>', 'links to /fees/, which is not in the build'],
    ['a missing anchor', '<a href="/faq/#nope">x</a>', 'links to /faq/#nope, an anchor that does not exist'],
    ['a missing anchor on the same page', '<a href="#nope">x</a>', 'links to /#nope, an anchor that does not exist'],
    ['a missing image', '<img src="/gone.webp" alt="">', 'links to /gone.webp, which is not in the build'],
    ['the site address of a missing page', '<a href="https://www.example.com/404/">x</a>', 'links to /404/, which is not in the build'],
  ])('flags %s', (_label, body, problem) => {
    expect(check(body)).toEqual([problem]);
  });
});
