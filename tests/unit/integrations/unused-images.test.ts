import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { unusedImages } from '../../../src/integrations/unused-images.ts';

let dist: string;

beforeEach(async () => {
  dist = await mkdtemp(join(tmpdir(), 'dist-'));
  await mkdir(join(dist, '_astro'));
  await mkdir(join(dist, 'about'));
});

afterEach(async () => {
  await rm(dist, { recursive: true, force: true });
});

async function write(path: string, text = '') {
  await writeFile(join(dist, path), text);
}

test('an image no built file names is unused; images named in a page, a srcset, a style or the manifest are kept', async () => {
  await write('_astro/draft-photo.Ab12.jpg');
  await write('_astro/member.Cd34_1x.webp');
  await write('_astro/member.Cd34_2x.webp');
  await write('_astro/wave.Ef56.svg');
  await write('_astro/icon.Gh78.png');
  await write('about/index.html', '<img src="/_astro/member.Cd34_1x.webp" srcset="/_astro/member.Cd34_1x.webp 1x, /_astro/member.Cd34_2x.webp 2x" alt="">');
  await write('_astro/site.css', 'body { background: url(/_astro/wave.Ef56.svg) }');
  await write('site.webmanifest', '{"icons":[{"src":"/_astro/icon.Gh78.png"}]}');

  expect(await unusedImages(dist)).toEqual([join(dist, '_astro/draft-photo.Ab12.jpg')]);
});

test('an image that only names itself is still unused', async () => {
  await write('_astro/self.Ij90.svg', '<svg><use href="/_astro/self.Ij90.svg#a"/></svg>');
  await write('index.html', '<p>No images here.</p>');

  expect(await unusedImages(dist)).toEqual([join(dist, '_astro/self.Ij90.svg')]);
});

test('fonts and files outside _astro/ are never candidates', async () => {
  await write('_astro/font.Kl12.woff2');
  await write('og-default.png');
  await write('index.html', '<p>No references.</p>');

  expect(await unusedImages(dist)).toEqual([]);
});
