import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunctionResult } from '@netlify/zip-it-and-ship-it';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { config } from '../../netlify/functions/contact/index.ts';
import { bundledModule, bundleFunctions, callInFreshNode } from '../support/function-bundle.ts';
import { startResendStandIn, type ResendStandIn } from '../support/resend-stand-in.ts';
import { VALID_INQUIRY } from '../unit/contact/fixtures.ts';

/**
 * The artifact a deploy ships: netlify/functions/ bundled by Netlify's own bundler (as Netlify's
 * build does, into a folder), run on plain Node from a temporary folder outside the repository,
 * with nothing else copied there. A file the bundle forgot (a module, settings.json, the location
 * files netlify.toml ships with it) fails here.
 */

const API_KEY = 're_test_bundle_0123456789';
let resend: ResendStandIn;
const standIn = () => resend;
let root: string;
let bundle: FunctionResult;

beforeAll(async () => {
  resend = await startResendStandIn({ apiKey: API_KEY });
  root = mkdtempSync(join(tmpdir(), 'deployed-bundle-'));
  const results = await bundleFunctions(join(root, 'bundle'));
  expect(results.map((result) => result.name)).toEqual(['contact']);
  bundle = results[0]!;
}, 60_000);

afterEach(() => resend.reset());
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await resend.close();
});

/** Posts the valid inquiry as a form to the bundled function, in `cwd`, with only `env` set. */
function postToBundle(cwd: string, env: Record<string, string>) {
  const init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...VALID_INQUIRY }).toString() };
  return callInFreshNode(bundledModule(bundle), init, { cwd, env });
}

/** An empty folder to run in, so anything the function writes shows up. */
function emptyFolder(name: string): string {
  const folder = join(root, name);
  mkdirSync(folder);
  return folder;
}

test('a valid post is delivered to Resend (the stand-in), to the studio only, and answered 303 to the thank-you page', async () => {
  const cwd = emptyFolder('sends');
  const env = { RESEND_API_KEY: API_KEY, RESEND_BASE_URL: standIn().url, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'Website <website@example.com>' };

  const answer = await postToBundle(cwd, env);

  expect(answer).toMatchObject({ status: 303, location: '/contact/thanks/' });
  // One email, to the studio: no mail ever goes to the address a visitor typed.
  expect(standIn().deliveries).toHaveLength(1);
  expect(standIn().deliveries[0]?.email).toMatchObject({ to: ['studio@example.com'], reply_to: 'test@example.com' });
  expect(String(standIn().deliveries[0]?.email.text)).toContain('We would like to hear about sessions for our son.');
  // The setting's label comes from the location files shipped with the function.
  expect(standIn().deliveries[0]?.email.subject).toBe('Website inquiry from Test Parent (In your home)');
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

test("the bundle's config keeps the function's path and rate limit, aggregateBy a list, and every method", () => {
  expect(bundle.config).toMatchObject({ path: [config.path], rateLimit: config.rateLimit });
  expect(bundle.config).not.toHaveProperty('method');
  expect(bundle.config).toHaveProperty('rateLimit.aggregateBy', ['ip', 'domain']);
});
