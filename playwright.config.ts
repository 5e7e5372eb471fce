import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './tests/support/chromium.ts';

// PORT lets worktrees side by side run their tests at once; 4322 by default, as `npm run serve`.
const PORT = Number(process.env.PORT ?? 4322);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // An inquiry takes a while to answer: the form's script may wait up to 3 s (its bot threshold)
  // before it sends, Netlify's local runtime bundles the function afresh for every request (2–5 s on
  // a busy 2-core machine), and a failing Resend is tried three times. Passing checks return at once.
  expect: { timeout: 30_000 },
  timeout: 90_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    // Debian's Chromium where present (see tests/support/chromium.ts).
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_FLAGS },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] } },
  ],
  webServer: {
    // The production build through Netlify's local runtime (tests/support/netlify-server.ts).
    command: `node tests/support/netlify-server.ts ${PORT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    // NetlifyDev bundles the function before the server answers: about 10 s on a busy 2-core machine.
    timeout: 120_000,
    // The outbox, never real email: a RESEND_API_KEY in the developer's shell must not reach the tests.
    env: { CONTACT_OUTBOX_DIR: 'test-results/outbox', RESEND_API_KEY: '' },
  },
});
