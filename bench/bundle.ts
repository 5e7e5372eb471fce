/**
 * The deployed bundle: netlify/functions/ bundled by Netlify's own bundler (zip-it-and-ship-it, with
 * netlify.toml's [functions] settings read by @netlify/config, as Netlify's build does and as
 * tests/contract/deployed-bundle.test.ts does), its size on disk and number of files, and its cold
 * start: a fresh Node process in a folder outside the repository imports the bundled module and
 * answers one valid inquiry, sent with the real Resend SDK to the local stand-in. Median of N runs.
 *
 *   node bench/bundle.ts [--runs=10]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@netlify/config';
import { zipFunctions, type Config } from '@netlify/zip-it-and-ship-it';
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

/** Runs in a fresh Node: times the import and the first answer, reports on fd 3 (the function logs to stdout). */
const COLD_START = `
import { writeSync } from 'node:fs';
const [modulePath, url, init, context] = JSON.parse(process.argv[1]);
const t0 = performance.now();
const { default: handler } = await import(modulePath);
const t1 = performance.now();
const response = await handler(new Request(url, init), context);
await response.text();
const t2 = performance.now();
writeSync(3, JSON.stringify({ status: response.status, importMs: t1 - t0, answerMs: t2 - t1 }));
`;

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
    const { config: netlifyConfig } = await resolveConfig({ repositoryRoot: process.cwd(), cwd: process.cwd(), offline: true, context: 'production' });
    const functionsConfig: Config = Object.fromEntries(
      Object.entries(netlifyConfig.functions as Record<string, { included_files?: string[]; node_bundler?: string }>).map(([name, settings]) => [
        name,
        { includedFiles: settings.included_files, nodeBundler: settings.node_bundler as Config[string]['nodeBundler'] },
      ]),
    );
    const [bundle] = await zipFunctions(['netlify/functions'], join(root, 'bundle'), {
      archiveFormat: 'none',
      basePath: process.cwd(),
      repositoryRoot: process.cwd(),
      config: functionsConfig,
    });
    if (!bundle) throw new Error('zip-it-and-ship-it produced no function');
    const bundleSeconds = (performance.now() - bundleStarted) / 1000;
    const { bytes, files } = folderSize(bundle.path);
    const entryPoint = readFileSync(join(bundle.path, bundle.entryFilename), 'utf8');
    const module = /getLambdaHandler\('([^']+)'\)/.exec(entryPoint)?.[1];
    if (!module) throw new Error(`no bundled module named in ${bundle.entryFilename}`);
    const modulePath = join(bundle.path, module);
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
      const args = [modulePath, 'https://www.example.com/api/contact', init, { deploy: { context: 'production' } }];
      const started = performance.now();
      const answer = await new Promise<{ status: number; importMs: number; answerMs: number }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', COLD_START, JSON.stringify(args)], { cwd, env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
        let out = '';
        let errors = '';
        child.stdio[3]!.on('data', (chunk) => (out += chunk));
        child.stderr!.on('data', (chunk) => (errors += chunk));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 && out ? resolve(JSON.parse(out)) : reject(new Error(`cold start run exited ${code}: ${errors}`))));
      });
      runs.push({ ...answer, processMs: performance.now() - started });
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
