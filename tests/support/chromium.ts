import { existsSync } from 'node:fs';

/**
 * The Chromium a tool drives: CHROMIUM_PATH when set, else Debian's (these machines cannot download
 * Playwright's own browser), else undefined so each tool finds its own (Playwright's bundled
 * browser, or a Chrome that chrome-launcher locates). The browser tests take Debian's headless shell
 * where it is installed: the same engine, and the build Playwright itself runs headless, at about
 * half the CPU of the full browser. Lighthouse keeps the full browser, the one visitors have.
 */
export function chromiumPath(tool: 'tests' | 'lighthouse'): string | undefined {
  const debian = tool === 'tests' ? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'] : ['/usr/bin/chromium'];
  return process.env.CHROMIUM_PATH ?? debian.find((path) => existsSync(path));
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
