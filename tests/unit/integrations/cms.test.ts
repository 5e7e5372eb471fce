/**
 * What a build does to /admin/ (src/integrations/cms.ts): the repository, the links to the live site
 * and the deploy-status badge. `npm start`'s local mode is driven for real by tests/e2e/cms-local.spec.ts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { deployAdmin } from '../../../src/integrations/cms.ts';
import { readCmsConfig } from '../../../src/integrations/cms-config.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** public/admin/ as a build deploys it with `env`: its config, its page, and the warnings. */
function deployed(env: NodeJS.ProcessEnv) {
  dir = mkdtempSync(join(tmpdir(), 'admin-'));
  for (const file of ['config.yml', 'index.html']) cpSync(join('public/admin', file), join(dir, file));
  const warnings: string[] = [];
  deployAdmin(dir, 'https://www.example.com/', env, (message) => warnings.push(message));
  return { config: readCmsConfig(readFileSync(join(dir, 'config.yml'), 'utf8')), page: readFileSync(join(dir, 'index.html'), 'utf8'), warnings };
}

test.each([
  ['https://github.com/pure-progression/website', 'pure-progression/website'],
  ['https://github.com/pure-progression/website.git', 'pure-progression/website'],
  ['git@github.com:pure-progression/web.site.git', 'pure-progression/web.site'],
  ['https://x-access-token:abc@github.com/pure-progression/website.git', 'pure-progression/website'],
  ['https://gitlab.com/pure-progression/website', 'your-account/your-repository'],
  ['https://notgithub.com/pure-progression/website', 'your-account/your-repository'],
  ['https://github.company.example/pure-progression/website', 'your-account/your-repository'],
  [undefined, 'your-account/your-repository'],
])('REPOSITORY_URL %s signs in to the repository %s', (url, repo) => {
  const { config } = deployed({ REPOSITORY_URL: url });
  expect(config.backend).toMatchObject({ name: 'github', repo, branch: 'main' });
  // The collections are deployed as written, and the content manager links to the live site.
  expect(config.collections).toEqual(readCmsConfig().collections);
  expect(config).toMatchObject({ site_url: 'https://www.example.com/', display_url: 'https://www.example.com/' });
});

test('a Netlify build from a repository the content manager cannot sign in to says so in the build log', () => {
  expect(deployed({ NETLIFY: 'true', REPOSITORY_URL: 'https://gitlab.com/a/b' }).warnings).toEqual([expect.stringContaining('REPOSITORY_URL (https://gitlab.com/a/b) is not on GitHub')]);
  expect(deployed({ NETLIFY: 'true', REPOSITORY_URL: 'https://github.com/a/b' }).warnings).toEqual([]);
});

test('on Netlify, /admin/ shows the live site\'s deploy status; without a plain site id, nothing', () => {
  const { page } = deployed({ SITE_ID: '3970e0fe-8564-4e2d-a2f0-5e2b5f6f1a9c' });
  expect(page).toMatch(/<img class="deploy-status" src="https:\/\/api\.netlify\.com\/api\/v1\/badges\/3970e0fe-8564-4e2d-a2f0-5e2b5f6f1a9c\/deploy-status" alt="[^"]+"[^>]*>\n\s*<\/body>/);
  const html = readFileSync('public/admin/index.html', 'utf8');
  expect(deployed({}).page).toBe(html);
  expect(deployed({ SITE_ID: '"><script>' }).page).toBe(html);
});
