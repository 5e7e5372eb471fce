import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { cssUrls, jsImports, largestSrcsetCandidate, measurePage, transferSize } from '../../quality/page-weight.ts';

/** A throwaway dist/ with the given files. */
function fixtureDist(files: Record<string, string | Buffer>): string {
  const dist = mkdtempSync(join(tmpdir(), 'quality-dist-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), content);
  }
  return dist;
}

test('text is weighed brotli-compressed at quality 11; fonts and images as they are', () => {
  const text = Buffer.from('<p>Music therapy in Lehi.</p>'.repeat(50));
  expect(transferSize('/faq/index.html', text)).toBe(brotliCompressSync(text).byteLength);
  expect(transferSize('/faq/index.html', text)).toBeLessThan(text.byteLength / 10);
  expect(transferSize('/_astro/a.woff2', text)).toBe(text.byteLength);
});

describe('cssUrls', () => {
  test('an @font-face counts with its first source only (the woff2 a browser picks)', () => {
    const css = `@font-face{font-family:A;src:url(/a.woff2)format("woff2"),url(/a.woff)format("woff")}.hero{background:url('/bg.webp')}`;
    expect(cssUrls(css)).toEqual(['/a.woff2', '/bg.webp']);
  });

  test('data: URIs are part of the CSS already; @import is a request', () => {
    expect(cssUrls(`@import "/more.css";.x{background:url(data:image/svg+xml,abc)}`)).toEqual(['/more.css']);
  });
});

test.each([
  ['/a-400.webp 400w, /a-800.webp 800w', '/a-800.webp'],
  ['/a.webp 1x, /a@2x.webp 2x', '/a@2x.webp'],
  ['/only.webp', '/only.webp'],
  ['', undefined],
])('the largest srcset candidate of "%s" is %s', (srcset, url) => {
  expect(largestSrcsetCandidate(srcset)).toBe(url);
});

test('jsImports finds static and dynamic imports of a built module', () => {
  expect(jsImports(`import{a as b}from"./chunk.js";import"./side.js";const m=await import('./lazy.js');`)).toEqual(['./chunk.js', './side.js', './lazy.js']);
});

describe('measurePage', () => {
  const html = (body: string, head = ''): string =>
    `<!doctype html><html lang="en"><head><title>t</title>${head}<style>@font-face{font-family:A;src:url(/_astro/a.woff2)format("woff2"),url(/_astro/a.woff)format("woff")}</style></head><body>${body}</body></html>`;

  test('counts the HTML, linked CSS, scripts and what they import, fonts, icons and images', () => {
    const page = html('<img src="/_astro/hero.abc.webp" width="10" height="10" alt=""><script type="module" src="/_astro/page.js"></script>', '<link rel="stylesheet" href="/_astro/page.css"><link rel="icon" href="/favicon.svg">');
    const dist = fixtureDist({
      'index.html': page,
      '_astro/page.css': '.x{color:red}',
      '_astro/page.js': 'import"./chunk.js";console.log(1)',
      '_astro/chunk.js': 'export const a=1',
      '_astro/a.woff2': Buffer.alloc(1000),
      '_astro/a.woff': Buffer.alloc(5000),
      '_astro/hero.abc.webp': Buffer.alloc(2000),
      'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });
    const weight = measurePage(join(dist, 'index.html'), '/', { dist, ownerPhotos: [] });
    expect(weight.resources.map((resource) => `${resource.kind} ${resource.url}`).sort()).toEqual(
      ['css /_astro/page.css', 'font /_astro/a.woff2', 'html /', 'icon /favicon.svg', 'image /_astro/hero.abc.webp', 'js /_astro/chunk.js', 'js /_astro/page.js'].sort(),
    );
    expect(weight.htmlAndCss).toBe(transferSize('index.html', Buffer.from(page)) + transferSize('page.css', Buffer.from('.x{color:red}')));
    expect(weight.js).toBeGreaterThan(0);
    // Fonts and images travel as they are; the .woff fallback is never fetched.
    expect(weight.total).toBe(weight.htmlAndCss + weight.js + 1000 + 2000 + transferSize('favicon.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')));
    expect(weight.requests).toBe(7);
    expect(weight.problems).toEqual([]);
  });

  test('owner photos are listed but kept out of the total', () => {
    const dist = fixtureDist({
      'about/index.html': html('<img src="/_astro/jane-doe.Xy12_Zab.webp" width="240" height="240" alt="Jane" loading="lazy">'),
      '_astro/a.woff2': Buffer.alloc(1000),
      '_astro/jane-doe.Xy12_Zab.webp': Buffer.alloc(40_000),
    });
    const weight = measurePage(join(dist, 'about/index.html'), '/about/', { dist, ownerPhotos: ['jane-doe'] });
    expect(weight.ownerPhotos).toBe(40_000);
    expect(weight.total).toBeLessThan(40_000);
  });

  test('inline scripts count as JavaScript; JSON-LD does not', () => {
    const dist = fixtureDist({
      'index.html': html('<script type="application/ld+json">{"@type":"Thing"}</script><script type="module">document.body.dataset.x="1"</script>'),
      '_astro/a.woff2': Buffer.alloc(10),
    });
    const weight = measurePage(join(dist, 'index.html'), '/', { dist, ownerPhotos: [] });
    expect(weight.resources.filter((resource) => resource.kind === 'js').map((resource) => resource.url)).toEqual(['inline <script>']);
  });

  test('an asset missing from the build, or loaded from another site, is a problem', () => {
    const dist = fixtureDist({ 'index.html': html('<img src="https://cdn.example.net/x.webp"><script src="/_astro/gone.js" type="module"></script>') });
    const { problems } = measurePage(join(dist, 'index.html'), '/', { dist, ownerPhotos: [] });
    expect([...problems].sort()).toEqual([
      'loads /_astro/a.woff2, which is not in the build',
      'loads /_astro/gone.js, which is not in the build',
      'loads https://cdn.example.net/x.webp from another site',
    ]);
  });
});
