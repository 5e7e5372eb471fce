import { readFileSync, readdirSync } from 'node:fs';
import { frontMatterData } from '../../src/integrations/content-check.ts';
import { splitFrontMatter } from '../../src/lib/front-matter.ts';

export interface ContentEntry<Data> {
  /** The file name without its extension: Astro's entry id and the page's slug. */
  id: string;
  /** The path from the repository root, e.g. "src/content/faq/fees.md". */
  file: string;
  data: Data;
  /** The markdown after the settings block. */
  body: string;
}

/**
 * Each markdown entry of a collection in src/content, its settings read as the site's build reads
 * them (src/lib/front-matter.ts through the content check). The one front-matter reader of the tests.
 */
export function contentEntries<Data = Record<string, unknown>>(collection: string): ContentEntry<Data>[] {
  const dir = `src/content/${collection}`;
  return readdirSync(dir)
    .filter((name) => /^[^._].*\.mdx?$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      return { id: name.replace(/\.mdx?$/, ''), file: `${dir}/${name}`, data: frontMatterData(text) as Data, body: splitFrontMatter(text)?.body ?? '' };
    });
}
