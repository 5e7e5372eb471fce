/**
 * The deployed bundle: netlify/functions/ bundled by Netlify's own bundler (tests/support/
 * function-bundle.ts, as the contract test does), its size on disk, and its cold start: a fresh
 * Node process in a folder outside the repository imports the bundled module and answers one form
 * post, sent with the real Resend SDK to the local stand-in. Median of `runs`.
 *
 *   node bench/bundle.ts [--runs=10]
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledModule, bundleFunctions, callInFreshNode } from '../tests/support/function-bundle.ts';
import { startResendStandIn } from '../tests/support/resend-stand-in.ts';
import { INQUIRY, median } from './stats.ts';

export interface BundleResult {
  readonly bytes: number;
  readonly files: number;
  /** The bundled module itself, what Node parses at a cold start. */
  readonly moduleBytes: number;
  readonly runs: number;
  /** Medians, in ms: import of the module, then its first answer. */
  readonly importMs: number;
  readonly firstAnswerMs: number;
}

const API_KEY = 're_bench_bundle_0123456789';

export async function runBundle({ runs }: { runs: number }): Promise<BundleResult> {
  const root = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  const standIn = await startResendStandIn({ apiKey: API_KEY });
  try {
    const [bundle] = await bundleFunctions(join(root, 'bundle'));
    if (!bundle) throw new Error('zip-it-and-ship-it produced no function');
    const files = readdirSync(bundle.path, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    const modulePath = bundledModule(bundle);
    const env = { RESEND_API_KEY: API_KEY, RESEND_BASE_URL: standIn.url, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'Website <website@example.com>', PATH: process.env.PATH ?? '' };
    const times: { importMs: number; answerMs: number }[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const cwd = join(root, `run-${run}`);
      mkdirSync(cwd);
      const body = new URLSearchParams({ ...INQUIRY, message: `Cold start run ${run}.` }).toString();
      const answer = await callInFreshNode(modulePath, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, { cwd, env });
      if (answer.status !== 303) throw new Error(`cold start ${run} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      times.push(answer);
    }
    return {
      bytes: files.reduce((total, entry) => total + statSync(join(entry.parentPath, entry.name)).size, 0),
      files: files.length,
      moduleBytes: statSync(modulePath).size,
      runs,
      importMs: median(times.map((time) => time.importMs)),
      firstAnswerMs: median(times.map((time) => time.answerMs)),
    };
  } finally {
    await standIn.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.main) console.log(await runBundle({ runs: Number(process.argv.find((value) => value.startsWith('--runs='))?.slice(7) ?? 10) }));
