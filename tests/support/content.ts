import { readFileSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';

export interface ContentEntry<Data> {
  /** The path from the collection folder without its extension: Astro's entry id, e.g. "fees" or "contact/thanks". */
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
      return { id: name.replace(/\.mdx?$/, ''), file: `${dir}/${name}`, data: frontmatter as Data, body: content };
    });
}

/**
 * A project of the content, its collections and the reminders (src/content, src/content.config.ts,
 * src/lib, src/integrations, and the content manager's configuration, which the reminders name
 * places in) in a temporary folder with the repository's node_modules, so Astro's content sync of
 * it takes a few seconds.
 */
export async function contentProject(): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), 'content-project-'));
  for (const path of ['src/content', 'src/content.config.ts', 'src/lib', 'src/integrations', 'public/admin/config.yml']) await cp(path, join(project, path), { recursive: true });
  await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
  await symlink(resolve('node_modules'), join(project, 'node_modules'));
  return project;
}
