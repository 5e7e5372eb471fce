import { expect, test } from '@playwright/test';
import { allElements, attr, parseHtml, type HtmlDocument } from '../quality/html.ts';
import { sitemapPaths } from '../quality/site-pages.ts';

/** Every page's links, read from the HTML as served (as a link checker or a search engine reads them). */

/** Each URL an element asks for: links, stylesheets and icons, images, scripts, every srcset candidate. */
function targets(document: HtmlDocument): { url: string; fromAnchor: boolean }[] {
  return allElements(document).flatMap((element) => [
    ...(['a', 'link'].includes(element.tagName) && attr(element, 'href') !== undefined ? [{ url: attr(element, 'href')!, fromAnchor: element.tagName === 'a' }] : []),
    ...(['img', 'script', 'source'].includes(element.tagName) && attr(element, 'src') !== undefined ? [{ url: attr(element, 'src')!, fromAnchor: false }] : []),
    ...(attr(element, 'srcset') ?? '').split(',').filter((candidate) => candidate.trim()).map((candidate) => ({ url: candidate.trim().split(/\s+/)[0]!, fromAnchor: false })),
  ]);
}

test('every internal link, anchor and asset on every page resolves, and links to pages end in a slash', async ({ request, baseURL }) => {
  const status = new Map<string, number>();
  const ids = new Map<string, Set<string>>();
  const problems: string[] = [];
  const idsOf = async (path: string) => {
    if (!ids.has(path)) ids.set(path, new Set(allElements(parseHtml(await (await request.get(path)).text())).map((element) => attr(element, 'id')).filter((id) => id !== undefined)));
    return ids.get(path)!;
  };

  for (const path of [...sitemapPaths(), '/contact/thanks/', '/no-such-page/']) {
    const page = new URL(path, baseURL);
    for (const { url: raw, fromAnchor } of targets(parseHtml(await (await request.get(path)).text()))) {
      const url = new URL(raw, page);
      if (url.origin !== page.origin) continue;
      const key = url.pathname;
      if (key !== page.pathname) {
        if (!status.has(key)) status.set(key, (await request.get(key, { maxRedirects: 0 })).status());
        if (status.get(key) !== 200) problems.push(`${path} links to ${key} (${status.get(key)})`);
      }
      if (url.hash.length > 1 && !(await idsOf(key === page.pathname ? path : key)).has(decodeURIComponent(url.hash.slice(1)))) problems.push(`${path} links to a missing anchor ${key}${url.hash}`);
      // A link may choose an answer on the form (/contact/?setting=school): the path is what counts.
      if (fromAnchor && raw.startsWith('/') && !/\.[a-z]+$/.test(key) && !key.endsWith('/')) problems.push(`${path} links to ${raw}, not its canonical form with a slash`);
    }
  }
  expect(problems).toEqual([]);
  expect(status.size).toBeGreaterThan(15);
});
