import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './tests/support/chromium.ts';

const PORT = 4322;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // The contact form's script may wait up to 3 s (its bot threshold) before it sends.
  expect: { timeout: 10_000 },
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
    // The production build, served as Netlify serves it (headers from netlify.toml, the function at /api/contact).
    command: `node tests/support/server.ts ${PORT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    // The outbox, never real email: a RESEND_API_KEY in the developer's shell must not reach the tests.
    env: { CONTACT_OUTBOX_DIR: 'test-results/outbox', RESEND_API_KEY: '' },
  },
});
