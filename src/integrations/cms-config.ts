/**
 * The content manager's configuration (public/admin/config.yml) as data: the launch checklist and
 * the content errors name the boxes the owner sees, and a test keeps it in step with the schemas.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A field of the CMS's form; `fields` (of an object, or of a list's items) or `field` (of a list of single values) hold its own. */
export type CmsField = { name: string; label?: string; widget: string; fields?: CmsField[]; field?: CmsField; [option: string]: unknown };
export type CmsFile = { name: string; label: string; file: string; fields: CmsField[]; [option: string]: unknown };
export type CmsConfig = { collections: { name: string; label: string; folder?: string; files?: CmsFile[]; fields?: CmsField[]; [option: string]: unknown }[]; [option: string]: unknown };

/** config.yml read as Decap reads it: YAML with anchors and `<<` merges. */
export function readCmsConfig(text = readFileSync(new URL('../../public/admin/config.yml', import.meta.url), 'utf8')): CmsConfig {
  return parse(text, { merge: true, maxAliasCount: -1 }) as CmsConfig;
}

/**
 * Where the owner edits a value of a content file, as the labels they click through, e.g.
 * "Site settings → Contact details and site words → Phone number" for ("src/content/settings.json",
 * ["site", "phone"]). A block that is the only field of its form is no step the owner sees.
 */
export function placeInCms(config: CmsConfig, file: string, path: readonly string[]): string | undefined {
  for (const collection of config.collections) {
    const entry = collection.files?.find((candidate) => candidate.file === file);
    if (!entry && !(collection.folder && file.startsWith(`${collection.folder}/`))) continue;
    const steps = [collection.label, ...(entry ? [entry.label] : [])];
    let fields = entry?.fields ?? collection.fields ?? [];
    for (const name of path) {
      const field = fields.find((candidate) => candidate.name === name);
      if (!field) return undefined;
      if (fields.length > 1 || !field.fields) steps.push(field.label ?? field.name);
      fields = field.fields ?? [];
    }
    return steps.join(' → ');
  }
  return undefined;
}
