import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * `npm run docs:screenshots`: the pictures of the owner's guide (docs/editing.md), taken from the
 * real /admin/ of the build by tests/docs/, into docs/images/. Not part of `npm test`; a unit test
 * checks that the guide and its pictures match.
 */
export default defineConfig({
  ...base,
  testDir: 'tests/docs',
  fullyParallel: false,
  workers: 1,
  reporter: 'list',
  projects: [{ name: 'guide', use: { ...base.projects?.[0]?.use, viewport: { width: 1200, height: 760 }, deviceScaleFactor: 1 } }],
});
