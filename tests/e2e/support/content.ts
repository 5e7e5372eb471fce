import { readFileSync, readdirSync } from 'node:fs';
import { parseFrontmatter } from 'astro/markdown';

/** Each markdown file of a collection in src/content (path from the collection folder), with the settings at its top as Astro reads them. */
export function frontMatterOf<Data>(collection: string): { name: string; data: Data }[] {
  const dir = `src/content/${collection}`;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /(^|\/)[^._/][^/]*\.mdx?$/.test(name))
    .sort()
    .map((name) => ({ name, data: parseFrontmatter(readFileSync(`${dir}/${name}`, 'utf8')).frontmatter as Data }));
}
