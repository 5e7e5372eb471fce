import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What a build needs from the repository. */
const SOURCES = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json', 'netlify.toml'];

/**
 * What Astro's content sync and the reminders need: the content, its collections and checks, and
 * the content manager's configuration (the reminders name places in it). A few seconds to sync.
 */
export const CONTENT_SOURCES = ['src/content', 'src/content.config.ts', 'src/lib', 'src/integrations', 'public/admin/config.yml', 'package.json'];

export interface ProjectCopy {
  root: string;
  remove(): void;
}

/**
 * A copy of the project in a temporary folder, to build or edit without touching the real one.
 * Its node_modules links each installed package but is a folder
 * of its own, so the caches Vite and Astro keep there stay apart from the project's.
 */
export function projectCopy(from = '.', sources: readonly string[] = SOURCES): ProjectCopy {
  const root = mkdtempSync(join(tmpdir(), 'pure-progression-'));
  for (const source of sources) cpSync(join(from, source), join(root, source), { recursive: true });
  const modules = resolve(from, 'node_modules');
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  for (const name of readdirSync(modules)) if (!name.startsWith('.') || name === '.bin') symlinkSync(join(modules, name), join(root, 'node_modules', name));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
