import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = 4322;

/**
 * Debian's Chromium when present (CI and this team's machines cannot download Playwright's own
 * browser), else CHROMIUM_PATH, else Playwright's bundled browser for contributors who installed it.
 */
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

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
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
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
