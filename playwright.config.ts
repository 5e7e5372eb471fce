import { execFileSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './tests/support/chromium.ts';

// A free port unless PORT names one (a refused PORT stops here, with its message). Workers load
// this file again: the port goes into the environment they inherit, so all agree on it.
try {
  process.env.PORT = execFileSync(process.execPath, ['tests/support/port.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
} catch {
  process.exit(1);
}
const PORT = Number(process.env.PORT);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  // Two, not Playwright's default of half the cores: on 2 cores most of a test's time is waiting.
  workers: 2,
  retries: 0,
  // Generous, for a busy machine: the form's script may wait up to 3 s (its bot threshold) before it
  // sends, and a failing Resend is tried three times. Passing checks return at once.
  expect: { timeout: 30_000 },
  timeout: 90_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    // A trace records every action of every test, passing or not (10-20 % more CPU here): record one
    // when needed with --trace on. A failure still leaves its screenshot.
    trace: 'off',
    screenshot: 'only-on-failure',
    // Debian's headless shell or Chromium where present (see tests/support/chromium.ts).
    launchOptions: { executablePath: chromiumPath('tests'), args: CHROMIUM_FLAGS },
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
    // The function is bundled before the server answers: seconds, more on a busy machine.
    timeout: 120_000,
    // The outbox, never real email: a RESEND_API_KEY in the developer's shell must not reach the tests.
    env: { CONTACT_OUTBOX_DIR: 'test-results/outbox', RESEND_API_KEY: '' },
  },
});
