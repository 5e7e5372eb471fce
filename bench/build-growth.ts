/**
 * The build as content grows: `astro build` of a temporary copy of the project (tests/support/
 * project-copy.ts; never src/content/ itself) with N generated location pages added, for each N,
 * every build without caches as on a fresh clone. Wall time, time per added page, peak memory (the
 * build process's maxRSS), and the bytes of the pages that list every location.
 *
 *   node bench/build-growth.ts [--sizes=0,1000,5000]
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectCopy } from '../tests/support/project-copy.ts';

export interface BuildRun {
  readonly added: number;
  readonly pages: number;
  readonly seconds: number;
  readonly peakMiB: number;
  /** Bytes of the built pages that list every location. */
  readonly listingPagesBytes: Readonly<Record<string, number>>;
}

const LISTING_PAGES = ['index.html', 'locations/index.html', 'contact/index.html'];

/** A location entry that passes the `locations` schema, about as long as ours. */
const location = (place: string, order: number) => `---
title: Sessions in ${place}
summary: Music therapy sessions offered in ${place}, for children, teens and adults working toward their own goals.
formLabel: In ${place}
suits:
  - Families in ${place} who would like sessions close to home
  - Schools and care homes near ${place}
areaServed:
  - ${place}
order: ${order}
---
## What sessions in ${place} look like

Sessions follow the same plan as everywhere we work: an assessment first, then goals we agree on
together, then weekly sessions built around songs, rhythm and movement that fit the person.
If you live or work near ${place}, [get in touch](/contact/) and we will find a time that suits you.
`;

async function build(root: string, added: number): Promise<BuildRun> {
  const folder = join(root, 'src/content/locations');
  for (const name of readdirSync(folder)) if (name.startsWith('bench-place-')) rmSync(join(folder, name));
  for (let index = 1; index <= added; index += 1) writeFileSync(join(folder, `bench-place-${index}.md`), location(`Bench Place ${index}`, 1000 + index));
  for (const cache of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite']) rmSync(join(root, cache), { recursive: true, force: true });
  const rssFile = join(root, '.bench-rss');
  const started = performance.now();
  let output = '';
  await new Promise<void>((done, reject) => {
    const child = spawn(process.execPath, ['--import', resolve('bench/max-rss.ts'), 'node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? done() : reject(new Error(`astro build with ${added} added pages exited ${code}:\n${output.slice(-2000)}`))));
  });
  return {
    added,
    pages: output.match(/\.html \(\+/g)?.length ?? 0,
    seconds: (performance.now() - started) / 1000,
    peakMiB: Number(readFileSync(rssFile, 'utf8')) / 1024,
    listingPagesBytes: Object.fromEntries(LISTING_PAGES.map((path) => [`/${path.replace('index.html', '')}`, readFileSync(join(root, 'dist', path)).byteLength])),
  };
}

export async function runBuildGrowth({ sizes, log }: { sizes: readonly number[]; log?: (line: string) => void }): Promise<BuildRun[]> {
  const copy = projectCopy();
  try {
    const runs: BuildRun[] = [];
    for (const added of sizes) {
      runs.push(await build(copy.root, added));
      log?.(`  +${added} location pages: ${runs.at(-1)!.seconds.toFixed(1)} s, peak ${Math.round(runs.at(-1)!.peakMiB)} MiB`);
    }
    return runs;
  } finally {
    copy.remove();
  }
}

if (import.meta.main) {
  const sizes = (process.argv.find((value) => value.startsWith('--sizes='))?.slice(8) ?? '0,1000,5000').split(',').map(Number);
  console.log(await runBuildGrowth({ sizes, log: console.log }));
}
