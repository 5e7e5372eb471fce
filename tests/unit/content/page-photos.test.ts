import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectCopy, type ProjectCopy } from '../../support/project-copy.ts';

/**
 * The owner's photo on the home and a location page: a real build of a copy with the example
 * profile's 600 × 600 photo added to both, since only a build runs astro:assets.
 */

const ALT = 'A music therapist and a student playing hand drums';

function build(root: string): Promise<{ failed: boolean; output: string }> {
  return promisify(execFile)(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } }).then(
    ({ stdout, stderr }) => ({ failed: false, output: stdout + stderr }),
    (error: { stdout: string; stderr: string }) => ({ failed: true, output: error.stdout + error.stderr }),
  );
}

function addPhoto(root: string, file: string, alt: string | undefined): void {
  const path = join(root, file);
  copyFileSync(join(root, 'src/content/team/example-therapist/example-therapist.jpg'), join(path, '../photo.jpg'));
  const lines = `photo: ./photo.jpg\n${alt ? `photoAlt: ${alt}\n` : ''}`;
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^---\n/, `---\n${lines}`));
}

describe('a page photo', { timeout: 180_000 }, () => {
  let copy: ProjectCopy;
  beforeAll(() => {
    copy = projectCopy();
  });
  afterAll(() => copy.remove());

  test('shows in place of the drawing, from the site itself, resized and never wider than the file', async () => {
    addPhoto(copy.root, 'src/content/pages/home.md', ALT);
    addPhoto(copy.root, 'src/content/locations/school/index.md', ALT);
    const { failed, output } = await build(copy.root);
    expect(failed, output).toBe(false);
    const drawings = { 'index.html': /class="hero-art"/, 'locations/school/index.html': /class="heading"[^>]*>\s*<svg/ };
    for (const [page, drawing] of Object.entries(drawings)) {
      const html = readFileSync(join(copy.root, 'dist', page), 'utf8');
      const img = /<img [^>]*alt="A music therapist[^>]*>/.exec(html)?.[0] ?? '';
      expect(img, page).toMatch(/ src="\/_astro\/[^"]+\.webp"/);
      const widths = [...img.matchAll(/ (\d+)w/g)].map((match) => Number(match[1]));
      expect(Math.max(...widths), page).toBe(600);
      expect(Number(/\bwidth="?(\d+)/.exec(img)?.[1]), img).toBeLessThanOrEqual(600);
      expect(html, page).not.toMatch(drawing);
    }
    // Another location, with no photo, keeps its drawing.
    expect(readFileSync(join(copy.root, 'dist/locations/studio/index.html'), 'utf8')).toMatch(drawings['locations/school/index.html']);
  });

  test('without its description stops the build with the owner\'s message', async () => {
    addPhoto(copy.root, 'src/content/locations/virtual/index.md', undefined);
    const { failed, output } = await build(copy.root);
    expect(failed).toBe(true);
    expect(output).toContain('Alt text is required for every photo');
  });
});
