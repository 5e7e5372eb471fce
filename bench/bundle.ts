/**
 * The deployed bundle: netlify/functions/ bundled by Netlify's own bundler (zip-it-and-ship-it, with
 * netlify.toml's [functions] settings read by @netlify/config, as Netlify's build does; the same
 * code as tests/contract/deployed-bundle.test.ts, tests/support/function-bundle.ts), its size on
 * disk and number of files, and its cold start: a fresh Node process in a folder outside the repository imports the bundled module and
 * answers one valid inquiry, sent with the real Resend SDK to the local stand-in. Median of N runs.
 *
 *   node bench/bundle.ts [--runs=10]
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledModule, bundleFunctions, callInFreshNode } from '../tests/support/function-bundle.ts';
import { startResendStandIn } from '../tests/support/resend-stand-in.ts';
import { toStudio } from './contact-http.ts';
import { VALID_INQUIRY } from '../tests/unit/contact/fixtures.ts';
import { median } from './stats.ts';

const API_KEY = 're_bench_bundle_0123456789';

export interface BundleResult {
  readonly bytes: number;
  readonly files: number;
  /** The bundled module itself (what Node parses at a cold start). */
  readonly moduleBytes: number;
  readonly bundleSeconds: number;
  readonly runs: number;
  /** Medians over the runs, in ms. */
  readonly importMs: number;
  readonly firstAnswerMs: number;
  readonly coldStartMs: number;
  /** Spawn to exit of the whole Node process, which includes Node's own start. */
  readonly processMs: number;
  readonly status: number;
}

function folderSize(folder: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { bytes, files };
}

export async function runBundle(options: { runs: number; standInPort: number; log?: (line: string) => void }): Promise<BundleResult> {
  const log = options.log ?? (() => undefined);
  const root = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  const standIn = await startResendStandIn({ apiKey: API_KEY, port: options.standInPort });
  try {
    const bundleStarted = performance.now();
    const [bundle] = await bundleFunctions(join(root, 'bundle'));
    if (!bundle) throw new Error('zip-it-and-ship-it produced no function');
    const bundleSeconds = (performance.now() - bundleStarted) / 1000;
    const { bytes, files } = folderSize(bundle.path);
    const modulePath = bundledModule(bundle);
    log(`  bundle: ${files} files, ${bytes.toLocaleString('en-US')} bytes, bundled in ${bundleSeconds.toFixed(1)} s`);

    const env = { RESEND_API_KEY: API_KEY, RESEND_BASE_URL: standIn.url, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'Website <website@example.com>', PATH: process.env.PATH ?? '' };
    const runs: { status: number; importMs: number; answerMs: number; processMs: number }[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      const cwd = join(root, `run-${run}`);
      mkdirSync(cwd);
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...VALID_INQUIRY, message: `Cold start run ${run}.` }).toString(),
      };
      const started = performance.now();
      const { status, importMs, answerMs } = await callInFreshNode(modulePath, init, { cwd, env });
      runs.push({ status, importMs, answerMs, processMs: performance.now() - started });
    }
    const statuses = new Set(runs.map((run) => run.status));
    const inquiries = standIn.deliveries.filter(toStudio).length;
    if (statuses.size !== 1 || !statuses.has(303) || inquiries !== options.runs) {
      throw new Error(`cold starts answered ${[...statuses].join(', ')} with ${inquiries} emails to the studio for ${options.runs} runs`);
    }
    return {
      bytes,
      files,
      moduleBytes: statSync(modulePath).size,
      bundleSeconds,
      runs: runs.length,
      importMs: median(runs.map((run) => run.importMs)),
      firstAnswerMs: median(runs.map((run) => run.answerMs)),
      coldStartMs: median(runs.map((run) => run.importMs + run.answerMs)),
      processMs: median(runs.map((run) => run.processMs)),
      status: 303,
    };
  } finally {
    await standIn.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const runs = Number(process.argv.find((value) => value.startsWith('--runs='))?.slice(7) ?? 10);
  console.log(await runBundle({ runs, standInPort: Number(process.env.BENCH_PORT_BASE ?? 4500) + 3, log: console.log }));
}
