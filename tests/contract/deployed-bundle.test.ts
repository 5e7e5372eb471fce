import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@netlify/config';
import { zipFunctions, type Config, type FunctionResult } from '@netlify/zip-it-and-ship-it';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { config } from '../../netlify/functions/contact/index.ts';
import { getSiteSettings } from '../../src/lib/site-settings.ts';
import { useResendStandIn } from './use-resend-stand-in.ts';
import { VALID_INQUIRY } from '../unit/contact/fixtures.ts';

/**
 * The artifact a deploy ships: netlify/functions/ bundled by Netlify's own bundler (as Netlify's
 * build does, into a folder), run on plain Node from a temporary folder outside the repository,
 * with nothing else copied there. A file the bundle forgot (a module, settings.json, the location
 * files netlify.toml ships with it) fails here.
 */

const API_KEY = 're_test_bundle_0123456789';
const standIn = useResendStandIn(API_KEY);
let root: string;
let bundle: FunctionResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'deployed-bundle-'));
  // netlify.toml's [functions] settings, read by Netlify's own config reader and handed to the
  // bundler in its option names, as Netlify's build does.
  const { config: netlifyConfig } = await resolveConfig({ repositoryRoot: process.cwd(), cwd: process.cwd(), offline: true, context: 'production' });
  const functionsConfig: Config = Object.fromEntries(
    Object.entries(netlifyConfig.functions as Record<string, { included_files?: string[]; node_bundler?: string }>).map(([name, settings]) => [
      name,
      { includedFiles: settings.included_files, nodeBundler: settings.node_bundler as Config[string]['nodeBundler'] },
    ]),
  );
  const results = await zipFunctions(['netlify/functions'], join(root, 'bundle'), {
    archiveFormat: 'none',
    basePath: process.cwd(),
    repositoryRoot: process.cwd(),
    config: functionsConfig,
  });
  expect(results.map((result) => result.name)).toEqual(['contact']);
  bundle = results[0]!;
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs in its own Node: imports the bundled module, calls it as Netlify does, answers on fd 3 (the function logs to stdout). */
const CALL_BUNDLE = `
import { writeSync } from 'node:fs';
const [modulePath, url, init, context] = JSON.parse(process.argv[1]);
const { default: handler } = await import(modulePath);
const response = await handler(new Request(url, init), context);
writeSync(3, JSON.stringify({ status: response.status, location: response.headers.get('location'), body: await response.text() }));
`;

/** Posts the valid inquiry as a form to the bundled function, in `cwd`, with only `env` set. */
function postToBundle(cwd: string, env: Record<string, string>): Promise<{ status: number; location: string | null; body: string }> {
  // The entry point Netlify's runtime loads names the bundled module: `getLambdaHandler('./netlify/functions/contact/index.mjs')`.
  const entryPoint = readFileSync(join(bundle.path, bundle.entryFilename), 'utf8');
  const module = /getLambdaHandler\('([^']+)'\)/.exec(entryPoint)?.[1];
  if (!module) throw new Error(`no bundled module named in ${bundle.entryFilename}: ${entryPoint}`);
  const init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...VALID_INQUIRY }).toString() };
  const args = [join(bundle.path, module), 'https://www.example.com/api/contact', init, { deploy: { context: 'production' } }];
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

/** An empty folder to run in, so anything the function writes shows up. */
function emptyFolder(name: string): string {
  const folder = join(root, name);
  mkdirSync(folder);
  return folder;
}

test('a valid post is delivered to Resend (the stand-in), the visitor confirmed, and answered 303 to the thank-you page', async () => {
  const cwd = emptyFolder('sends');
  const env = { RESEND_API_KEY: API_KEY, RESEND_BASE_URL: standIn().url, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'Website <website@example.com>' };

  const answer = await postToBundle(cwd, env);

  expect(answer).toMatchObject({ status: 303, location: '/contact/thanks/' });
  expect(standIn().deliveries).toHaveLength(2);
  expect(standIn().deliveries[0]?.email).toMatchObject({ to: ['studio@example.com'], reply_to: 'test@example.com' });
  expect(String(standIn().deliveries[0]?.email.text)).toContain('We would like to hear about sessions for our son.');
  // The setting's label comes from the location files shipped with the function.
  expect(standIn().deliveries[0]?.email.subject).toBe('Website inquiry from Test Parent (In your home)');
  // The confirmation's words come from settings.json, bundled with the function.
  const settings = await getSiteSettings();
  expect(standIn().deliveries[1]?.email).toMatchObject({ to: ['test@example.com'], reply_to: 'studio@example.com' });
  expect(String(standIn().deliveries[1]?.email.text)).toContain(settings.replyTime);
  expect(readdirSync(cwd)).toEqual([]);
});

test('in a production deploy with no keys it answers 503 and writes nothing to disk', async () => {
  const cwd = emptyFolder('no-keys');
  // Were the function to mistake production for a local run, it would write the inquiry here.
  const outbox = join(root, 'outbox');

  const answer = await postToBundle(cwd, { CONTACT_OUTBOX_DIR: outbox });

  expect(answer.status).toBe(503);
  expect(answer.body).toContain('href="tel:');
  expect(readdirSync(cwd)).toEqual([]);
  expect(existsSync(outbox)).toBe(false);
  expect(standIn().requests).toEqual([]);
});

test("the bundle's config keeps the function's path, method and rate limit, aggregateBy a list", () => {
  expect(bundle.config).toMatchObject({ path: [config.path], method: [config.method], rateLimit: config.rateLimit });
  expect(bundle.config).toHaveProperty('rateLimit.aggregateBy', ['ip', 'domain']);
});
