/**
 * The function as a deploy ships it, for the contract test (tests/contract/deployed-bundle.test.ts)
 * and the cold-start benchmark (bench/bundle.ts): netlify/functions/ bundled by Netlify's own
 * bundler, and the bundled module called in a fresh Node process, as Netlify's runtime calls it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@netlify/config';
import { zipFunctions, type Config, type FunctionResult } from '@netlify/zip-it-and-ship-it';

/**
 * netlify/functions/ bundled into `out` by zip-it-and-ship-it, with netlify.toml's [functions]
 * settings read by Netlify's own config reader and handed over in the bundler's option names, as
 * Netlify's build does.
 */
export async function bundleFunctions(out: string): Promise<FunctionResult[]> {
  const { config: netlifyConfig } = await resolveConfig({ repositoryRoot: process.cwd(), cwd: process.cwd(), offline: true, context: 'production' });
  const functionsConfig: Config = Object.fromEntries(
    Object.entries(netlifyConfig.functions as Record<string, { included_files?: string[]; node_bundler?: string }>).map(([name, settings]) => [
      name,
      { includedFiles: settings.included_files, nodeBundler: settings.node_bundler as Config[string]['nodeBundler'] },
    ]),
  );
  return zipFunctions(['netlify/functions'], out, { archiveFormat: 'none', basePath: process.cwd(), repositoryRoot: process.cwd(), config: functionsConfig });
}

/** The bundled module Netlify's runtime loads, named by the entry point: `getLambdaHandler('./netlify/functions/contact/index.mjs')`. */
export function bundledModule(bundle: FunctionResult): string {
  const entryPoint = readFileSync(join(bundle.path, bundle.entryFilename), 'utf8');
  const module = /getLambdaHandler\('([^']+)'\)/.exec(entryPoint)?.[1];
  if (!module) throw new Error(`no bundled module named in ${bundle.entryFilename}: ${entryPoint}`);
  return join(bundle.path, module);
}

export interface BundleAnswer {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
  /** Import of the module, then its first answer, in ms. */
  readonly importMs: number;
  readonly answerMs: number;
}

/** Runs in its own Node: imports the module, calls it as Netlify does, reports on fd 3 (the function logs to stdout). */
const CALL_BUNDLE = `
import { writeSync } from 'node:fs';
const [modulePath, url, init, context] = JSON.parse(process.argv[1]);
const t0 = performance.now();
const { default: handler } = await import(modulePath);
const t1 = performance.now();
const response = await handler(new Request(url, init), context);
const body = await response.text();
const t2 = performance.now();
writeSync(3, JSON.stringify({ status: response.status, location: response.headers.get('location'), body, importMs: t1 - t0, answerMs: t2 - t1 }));
`;

/** Calls the bundled module once with `init`, in a production deploy context, in `cwd`, with only `env` set. */
export function callInFreshNode(modulePath: string, init: RequestInit, { cwd, env }: { cwd: string; env: Record<string, string> }): Promise<BundleAnswer> {
  const args = [modulePath, 'https://www.example.com/api/contact', init, { deploy: { context: 'production' } }];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CALL_BUNDLE, JSON.stringify(args)], { cwd, env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let answer = '';
    let errors = '';
    child.stdio[3]!.on('data', (chunk) => (answer += chunk));
    child.stderr!.on('data', (chunk) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && answer ? resolve(JSON.parse(answer)) : reject(new Error(`the bundle exited ${code}: ${errors}`))));
  });
}
