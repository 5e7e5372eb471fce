/**
 * The content manager's configuration (public/admin/config.yml) as data: for the build's launch
 * checklist, which names where in the content manager each example value is changed, and for the
 * tests that keep it in step with the content schemas.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One field of the CMS's form, as config.yml declares it (the keys this project uses). */
export interface CmsField {
  name: string;
  label?: string;
  widget: string;
  /** Decap's default is true. */
  required?: boolean;
  default?: unknown;
  hint?: string;
  /** [regular expression, message]. */
  pattern?: [string, string];
  /** object and list widgets: the fields of the object or of each item. */
  fields?: CmsField[];
  /** list widget: the single field of each item (a list of words). */
  field?: CmsField;
  /** select widget. */
  options?: (string | { label: string; value: string })[];
  multiple?: boolean;
  min?: number;
  max?: number;
  value_type?: string;
  [option: string]: unknown;
}

export interface CmsFile {
  name: string;
  label: string;
  file: string;
  fields: CmsField[];
  /** Where "View Preview" opens the entry on its deploy preview. */
  preview_path?: string;
}

export interface CmsCollection {
  name: string;
  label: string;
  label_singular?: string;
  folder?: string;
  files?: CmsFile[];
  fields?: CmsField[];
  create?: boolean;
  delete?: boolean;
  [option: string]: unknown;
}

export interface CmsConfig {
  backend: { name: string; repo?: string; branch?: string; [option: string]: unknown };
  collections: CmsCollection[];
  [option: string]: unknown;
}

export const CMS_CONFIG_FILE = new URL('../../public/admin/config.yml', import.meta.url);

/** config.yml read as Decap reads it: YAML with anchors and `<<` merges. */
export function readCmsConfig(text = readFileSync(CMS_CONFIG_FILE, 'utf8')): CmsConfig {
  return parse(text, { merge: true, maxAliasCount: -1 }) as CmsConfig;
}

/**
 * Where the owner edits a value of a content file in the content manager, as the labels they click
 * through, e.g. "Site settings → Contact details and site words → Phone number" for
 * ("src/content/settings.json", ["site", "phone"]). A field that is the only one of its form (the
 * block holding all of settings.json) is left out: the owner never sees it as a step.
 */
export function placeInCms(config: CmsConfig, file: string, path: readonly string[]): string | undefined {
  for (const collection of config.collections) {
    const entry = collection.files?.find((candidate) => candidate.file === file);
    const inFolder = collection.folder !== undefined && file.startsWith(`${collection.folder}/`);
    if (!entry && !inFolder) continue;
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
