import { expect, test } from '@playwright/test';

/**
 * What a visitor gets from the Fonts API (astro.config.mjs): text in Atkinson Hyperlegible Next,
 * served by the site itself. (That content pages run no script: every-page.spec.ts.)
 */

for (const path of ['/', '/faq/', '/locations/school/']) {
  test(`${path} ends in Atkinson Hyperlegible Next, from the site itself, with the regular face preloaded for the first paint`, async ({ page, baseURL }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const used = await page.evaluate(async () => {
      await document.fonts.ready;
      const family = getComputedStyle(document.body).fontFamily.split(',')[0]!.replace(/"/g, '');
      const heading = getComputedStyle(document.querySelector('h1')!);
      return {
        family,
        regular: document.fonts.check(`400 18px "${family}"`),
        bold: document.fonts.check(`${heading.fontWeight} 18px "${family}"`),
        loaded: [...document.fonts].filter((face) => face.family.replace(/"/g, '') === family && face.status === 'loaded').length,
      };
    });
    expect(used.family).toMatch(/^Atkinson Hyperlegible Next/);
    expect(used).toMatchObject({ regular: true, bold: true });
    expect(used.loaded).toBe(2);
    expect(requests.filter((url) => new URL(url).origin !== new URL(baseURL!).origin)).toEqual([]);
    expect(requests.filter((url) => url.endsWith('.woff2')).length).toBeGreaterThan(0);
    await expect(page.locator('link[rel="preload"][as="font"]')).toHaveCount(1);
  });
}
