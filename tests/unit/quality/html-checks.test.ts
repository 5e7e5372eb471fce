import { describe, expect, test } from 'vitest';
import { imageProblems } from '../../quality/html-checks.ts';
import { parseHtml } from '../../quality/html.ts';

const page = (body: string): ReturnType<typeof parseHtml> => parseHtml(`<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`);

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
    ['a JPEG', '<img src="/_astro/a.jpg" width="10" height="10" alt="x" loading="lazy">', '<img a.jpg> serves /_astro/a.jpg, not WebP or AVIF'],
    ['a JPEG in the srcset', '<img src="/_astro/a.webp" srcset="/_astro/a.png 2x" width="10" height="10" alt="x" loading="lazy">', '<img a.webp> serves /_astro/a.png, not WebP or AVIF'],
    ['an image from public/', '<img src="/team.webp" width="10" height="10" alt="x" loading="lazy">', '<img team.webp> serves /team.webp from outside astro:assets (/_astro/)'],
    ['an image neither lazy nor eager', '<img src="/_astro/a.webp" width="10" height="10" alt="x">', '<img a.webp> is not loading="lazy" (mark an above-the-fold image loading="eager")'],
  ])('flags %s', (_label, html, problem) => {
    expect(imageProblems(page(html))).toEqual([problem]);
  });
});
