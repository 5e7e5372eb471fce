import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './tests/support/chromium.ts';
const b = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
const p = await b.newPage({ viewport: { width: 700, height: 330 } });
await p.goto('file:///tmp/z.html'); await p.evaluate(() => document.fonts.ready);
await p.screenshot({ path: '/tmp/z.png' }); await b.close();
