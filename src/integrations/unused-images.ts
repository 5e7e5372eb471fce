/**
 * Removes images that no built page uses from the build output.
 *
 * Astro emits every image a content entry references, even when the entry is a draft and no page
 * shows it. Without this step, a draft profile's photo would be published at a public address.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

// Every format Astro reads or writes, and the icon formats besides.
const IMAGE = /\.(apng|avif|bmp|gif|ico|jpe?g|png|svg|tiff?|webp)$/i;
/** Files that can point at an image: pages, styles, scripts, the sitemap, the web manifest. */
const REFERRER = /\.(html|css|js|mjs|json|webmanifest|xml|txt|svg)$/i;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** The images under the build's `_astro/` folder whose file name appears in no other built file. */
export async function unusedImages(distDir: string): Promise<string[]> {
  const files = await filesUnder(distDir);
  const assetsDir = join(distDir, '_astro');
  const candidates = files.filter((file) => file.startsWith(assetsDir + sep) && IMAGE.test(file));
  if (candidates.length === 0) return [];
  const texts = await Promise.all(files.filter((file) => REFERRER.test(file)).map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  return candidates.filter((image) => {
    // Pages write a name with spaces or accents URL-encoded: "Zoë Smith.jpg" as "Zo%C3%AB%20Smith.jpg".
    const name = image.slice(assetsDir.length + 1);
    const spellings = new Set([name, encodeURI(name), encodeURIComponent(name)]);
    return !texts.some(({ file, text }) => file !== image && [...spellings].some((spelling) => text.includes(spelling)));
  });
}

export function removeUnusedImages(): AstroIntegration {
  return {
    name: 'remove-unused-images',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const unused = await unusedImages(distDir);
        await Promise.all(unused.map((file) => rm(file)));
        if (unused.length > 0) {
          logger.info(`Removed ${unused.length} image(s) no page uses: ${unused.map((file) => relative(distDir, file)).join(', ')}`);
        }
      },
    },
  };
}
