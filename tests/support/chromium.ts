import { existsSync } from 'node:fs';

/**
 * The Chromium the browser tests and Lighthouse drive: CHROMIUM_PATH when set, else Debian's
 * (these machines cannot download Playwright's own browser), else undefined so each tool finds
 * its own (Playwright's bundled browser, or a Chrome that chrome-launcher locates).
 */
export function chromiumPath(): string | undefined {
  return process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

/**
 * Flags for a headless Chromium on a machine with no network but loopback: no sandbox (CI runs as
 * root), no GPU, and none of the background connections that would be refused at every start.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
