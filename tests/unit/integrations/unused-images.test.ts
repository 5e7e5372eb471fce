import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { unusedImages } from '../../../src/integrations/unused-images.ts';

let dist: string;

beforeEach(async () => {
  dist = await mkdtemp(join(tmpdir(), 'dist-'));
});

afterEach(async () => {
  await rm(dist, { recursive: true, force: true });
});

/** Writes a fake build: file path → content. */
async function build(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dist, path)), { recursive: true });
    await writeFile(join(dist, path), text);
  }
}

test.each([
  ['a page <img>', 'about/index.html', '<img src="/_astro/member.Cd34_1x.webp" alt="">', 'member.Cd34_1x.webp'],
  ['a srcset', 'about/index.html', '<img srcset="/_astro/a.webp 1x, /_astro/member.Cd34_2x.webp 2x" alt="">', 'member.Cd34_2x.webp'],
  ['a stylesheet', '_astro/site.css', 'body { background: url(/_astro/wave.Ef56.svg) }', 'wave.Ef56.svg'],
  ['the web manifest', 'site.webmanifest', '{"icons":[{"src":"/_astro/icon.Gh78.png"}]}', 'icon.Gh78.png'],
  ['a script', '_astro/page.Mn34.js', 'const src = "/_astro/chart.Op56.avif";', 'chart.Op56.avif'],
  ['a URL-encoded name', 'about/index.html', '<img src="/_astro/Zo%C3%AB%20Smith.9Eix_FC.webp" alt="">', 'Zoë Smith.9Eix_FC.webp'],
  ['an encoded name in a srcset', 'about/index.html', '<img srcset="/_astro/IMG%201234.Ab_2x.jpg 2x" alt="">', 'IMG 1234.Ab_2x.jpg'],
])('an image named in %s is kept', async (_where, referrer, text, image) => {
  await build({ [referrer]: text, [`_astro/${image}`]: '' });
  expect(await unusedImages(dist)).toEqual([]);
});

test.each([['draft.Ab12.jpg'], ['scan.Cd34.tiff'], ['Zoë Smith.Ef56.png'], ['anim.Gh78.apng']])(
  'an image %s that no built file names is unused',
  async (image) => {
    await build({ 'index.html': '<p>No images here.</p>', [`_astro/${image}`]: '' });
    expect(await unusedImages(dist)).toEqual([join(dist, '_astro', image)]);
  },
);

test('an image that only names itself is still unused', async () => {
  await build({ 'index.html': '<p>No images here.</p>', '_astro/self.Ij90.svg': '<svg><use href="/_astro/self.Ij90.svg#a"/></svg>' });
  expect(await unusedImages(dist)).toEqual([join(dist, '_astro/self.Ij90.svg')]);
});

test('fonts, and images outside _astro/ (public files), are never removed', async () => {
  await build({
    'index.html': '<p>No references.</p>',
    '_astro/font.Kl12.woff2': '',
    'og-default.png': '',
    '_astro-like/photo.png': '',
  });
  expect(await unusedImages(dist)).toEqual([]);
});
