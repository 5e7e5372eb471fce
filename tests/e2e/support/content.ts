import { readFileSync, readdirSync } from 'node:fs';
import { frontMatterData } from '../../../src/integrations/content-check.ts';

/** Each markdown file of a collection in src/content, with the settings at its top, read as the site reads them. */
export function frontMatterOf<Data>(collection: string): { name: string; data: Data }[] {
  const dir = `src/content/${collection}`;
  return readdirSync(dir)
    .filter((name) => /^[^._].*\.mdx?$/.test(name))
    .sort()
    .map((name) => ({ name, data: frontMatterData(readFileSync(`${dir}/${name}`, 'utf8')) as Data }));
}
