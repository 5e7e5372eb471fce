/**
 * The build as content grows: `astro build` of a temporary copy of the project (never
 * src/content/ itself) with N generated location pages added, for each N. Reports wall time,
 * milliseconds per added page, peak memory (the build process's maxRSS), and where the time goes:
 * content sync, the Vite bundle, rendering the pages, and the steps after rendering (the
 * integrations' build:done hooks, such as the sitemap). The pages that list every location (home, /locations/, /contact/'s
 * setting choices) are timed on their own from Astro's per-page log.
 *
 *   node bench/build-growth.ts [--sizes=0,1000,5000]
 *
 * The copy (tests/support/project-copy.ts) holds what a build reads and a node_modules folder of
 * links to this project's packages and the content manager's bundle, so Astro's and Vite's caches
 * stay inside the copy; each build starts without them, as on a fresh clone.
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
  /** Seconds per phase, from the time each of Astro's log lines arrived. */
  readonly phases: Readonly<Record<string, number>>;
  /** Astro's own per-page times (ms) for the pages that list every location. */
  readonly listingPagesMs: Readonly<Record<string, number>>;
  /** Mean time Astro logged per location page. */
  readonly locationPageMs: number;
  /** Astro's log lines after the pages are rendered (the build:done hooks), with seconds since rendering ended. */
  readonly afterRender: readonly string[];
  /** Bytes of the built pages that list every location. */
  readonly listingPagesBytes: Readonly<Record<string, number>>;
}

const LISTING_PAGES = ['/index.html', '/locations/index.html', '/contact/index.html'];

/** A location entry that passes the `locations` schema (src/content.config.ts), about as long as ours. */
function generatedLocation(index: number): string {
  const place = `Bench Place ${index}`;
  return `---
title: Sessions in ${place}
summary: Music therapy sessions offered in ${place}, for children, teens and adults working toward their own goals.
formLabel: In ${place}
suits:
  - Families in ${place} who would like sessions close to home
  - Schools and care homes near ${place}
areaServed:
  - ${place}
order: ${1000 + index}
---
## What sessions in ${place} look like

Sessions follow the same plan as everywhere we work: an assessment first, then goals we agree on
together, then weekly sessions built around songs, rhythm and movement that fit the person.

We share clear notes on progress and suggest simple musical activities to try between sessions.
If you live or work near ${place}, [get in touch](/contact/) and we will find a time that suits you.
`;
}

function writeLocations(root: string, count: number): void {
  const folder = join(root, 'src/content/locations');
  for (const name of readdirSync(folder)) if (name.startsWith('bench-place-')) rmSync(join(folder, name));
  for (let index = 1; index <= count; index += 1) writeFileSync(join(folder, `bench-place-${String(index).padStart(5, '0')}.md`), generatedLocation(index));
}

/** Phases between log lines, by the first line matching each mark, in build order. */
const MARKS: [string, RegExp][] = [
  ['config and content sync', /\[content\] Synced content/],
  ['types and build info', /Building static entrypoints/],
  ['vite bundle', /generating static routes/],
  ['render pages', /^(?:\d\d:\d\d:\d\d )?✓ Completed in/],
  ['after render (build:done hooks: sitemap, …)', /\[build\] Complete!/],
];

async function build(root: string, added: number): Promise<BuildRun> {
  for (const cache of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite']) rmSync(join(root, cache), { recursive: true, force: true });
  const rssFile = join(root, '.bench-rss');
  const started = performance.now();
  const lines: { at: number; text: string }[] = [];
  await new Promise<void>((resolveBuild, reject) => {
    const child = spawn(process.execPath, ['--import', resolve('bench/max-rss.ts'), 'node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', BENCH_RSS_FILE: rssFile, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    const onData = (chunk: Buffer) => {
      const at = performance.now();
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const text of parts) lines.push({ at, text });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveBuild() : reject(new Error(`astro build with ${added} added pages exited ${code}:\n${lines.slice(-20).map((line) => line.text).join('\n')}`))));
  });
  const seconds = (performance.now() - started) / 1000;

  const phases: Record<string, number> = {};
  let previous = started;
  let from = 0;
  for (const [name, mark] of MARKS) {
    const index = lines.findIndex((line, position) => position >= from && mark.test(line.text.trim()));
    if (index < 0) continue;
    phases[name] = (lines[index]!.at - previous) / 1000;
    previous = lines[index]!.at;
    from = index + 1;
  }
  phases['exit'] = (started + seconds * 1000 - previous) / 1000;
  const rendered = lines.findIndex((line) => MARKS[3]![1].test(line.text.trim()));
  const afterRender = rendered < 0 ? [] : lines.slice(rendered + 1).filter((line) => line.text.trim()).map((line) => `+${((line.at - lines[rendered]!.at) / 1000).toFixed(2)} s ${line.text.replace(/^\d\d:\d\d:\d\d /, '').trim().slice(0, 90)}`);

  const pageTimes = new Map<string, number>();
  for (const { text } of lines) {
    const match = /(\/\S*\.html) \(\+(\d+(?:\.\d+)?)(ms|s)\)/.exec(text);
    if (match) pageTimes.set(match[1]!, Number(match[2]) * (match[3] === 's' ? 1000 : 1));
  }
  const locationTimes = [...pageTimes].filter(([path]) => /^\/locations\/[^/]+\/index\.html$/.test(path)).map(([, ms]) => ms);
  const dist = join(root, 'dist');
  return {
    added,
    pages: pageTimes.size,
    seconds,
    peakMiB: Number(readFileSync(rssFile, 'utf8')) / 1024,
    phases,
    listingPagesMs: Object.fromEntries(LISTING_PAGES.map((path) => [path, pageTimes.get(path) ?? Number.NaN])),
    locationPageMs: locationTimes.reduce((total, ms) => total + ms, 0) / Math.max(1, locationTimes.length),
    afterRender,
    listingPagesBytes: Object.fromEntries(LISTING_PAGES.map((path) => [path, readFileSync(join(dist, path)).byteLength])),
  };
}

export async function runBuildGrowth(options: { sizes: readonly number[]; log?: (line: string) => void; keep?: boolean }): Promise<BuildRun[]> {
  const log = options.log ?? (() => undefined);
  // What a build needs, with the packages and the content manager's bundle linked in (as the tests copy it).
  const copy = projectCopy();
  const root = copy.root;
  try {
    const runs: BuildRun[] = [];
    for (const added of options.sizes) {
      writeLocations(root, added);
      log(`  build: ${added.toLocaleString('en-US')} added location pages…`);
      const run = await build(root, added);
      log(`  build: ${added.toLocaleString('en-US')} added: ${run.seconds.toFixed(1)} s, ${run.pages} pages, peak ${Math.round(run.peakMiB)} MiB; ${Object.entries(run.phases).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')}`);
      runs.push(run);
    }
    return runs;
  } finally {
    if (!options.keep) copy.remove();
    else log(`  build: kept ${root}`);
  }
}

if (import.meta.main) {
  const sizes = (process.argv.find((value) => value.startsWith('--sizes='))?.slice(8) ?? '0,1000,5000').split(',').map(Number);
  const runs = await runBuildGrowth({ sizes, log: console.log, keep: process.argv.includes('--keep') });
  console.log(JSON.stringify(runs, null, 1));
}
