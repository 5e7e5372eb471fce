import { readFileSync, readdirSync } from 'node:fs';
import { parseFrontmatter } from 'astro/markdown';

export interface ContentEntry<Data> {
  /** Astro's entry id: the path in the collection folder without its extension or /index, e.g. "fees", "contact/thanks", "studio". */
  id: string;
  /** The path from the repository root, e.g. "src/content/faq/fees.md". */
  file: string;
  data: Data;
  /** The markdown after the settings block. */
  body: string;
}

/**
 * Each markdown entry of a collection folder in src/content, its settings read by Astro's own
 * front-matter parser. The one front-matter reader of the tests.
 */
export function contentEntries<Data = Record<string, unknown>>(collection: string): ContentEntry<Data>[] {
  const dir = `src/content/${collection}`;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /(^|\/)[^._/][^/]*\.mdx?$/.test(name))
    .sort()
    .map((name) => {
      const { frontmatter, content } = parseFrontmatter(readFileSync(`${dir}/${name}`, 'utf8'));
      return { id: name.replace(/(\/index)?\.mdx?$/, ''), file: `${dir}/${name}`, data: frontmatter as Data, body: content };
    });
}
