/**
 * The content manager's form (public/admin/config.yml) and the schemas the build checks content with
 * describe the same files: this walks both, field by field (names, need, kind, choices, list sizes,
 * defaults), and runs sample values through each `pattern` and the zod check it mirrors, so the CMS
 * never saves what the build refuses, nor refuses what it accepts. By design the CMS leaves out the
 * pages' draft switch (each page has its own address) and offers "What happens next" on the
 * thank-you page only, the one place the site reads it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { z } from 'astro/zod';
import { collections } from '../../../src/content.config.ts';
import { readCmsConfig, type CmsField } from '../../../src/integrations/cms-config.ts';
import { SETTINGS_FILE, siteSettingsSchema } from '../../../src/lib/site-settings.ts';
import { contentEntries } from '../../support/content.ts';
import { schemaFor, type CollectionName } from '../content/load-entries.ts';

const cms = readCmsConfig();

/** A collection's zod schema; Astro's image() becomes a string marked as an image. */
const schemaOf = (name: CollectionName): z.ZodType => schemaFor(name, () => z.string().meta({ contentMediaType: 'image/*' }));

type JsonSchema = { type?: string; format?: string; contentMediaType?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[]; default?: unknown; minItems?: number; maxItems?: number; minimum?: number; minLength?: number; maxLength?: number };

/** The schema as JSON Schema for what a file may contain (input: defaults make a field optional); dates marked. */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') jsonSchema.format = 'date';
    },
  }) as JsonSchema;
}

/** What each CMS form edits: its fields, the schema of the file, and the file's own data. */
interface Form {
  label: string;
  fields: CmsField[];
  schema: z.ZodType;
  data: Record<string, unknown>;
}

const pagesCollection = cms.collections.find((collection) => collection.name === 'pages');
const pageEntries = contentEntries('pages');
const forms: Form[] = [
  ...(pagesCollection?.files ?? []).map((file) => {
    const zodName = file.file === 'src/content/pages/home.md' ? 'home' : 'pages';
    const data = pageEntries.find((entry) => entry.file === file.file)?.data ?? {};
    return { label: `pages → ${file.name} (${file.file})`, fields: file.fields, schema: schemaOf(zodName), data };
  }),
  ...(['faq', 'locations', 'team'] as const).map((name) => {
    const collection = cms.collections.find((candidate) => candidate.name === name);
    return { label: name, fields: collection?.fields ?? [], schema: schemaOf(name), data: contentEntries(name)[0]?.data ?? {} };
  }),
  ...(cms.collections.find((collection) => collection.name === 'settings')?.files ?? []).map((file) => ({
    label: `settings → ${file.name}`,
    fields: file.fields,
    schema: z.strictObject({ site: siteSettingsSchema }),
    data: JSON.parse(readFileSync(SETTINGS_FILE, 'utf8')) as Record<string, unknown>,
  })),
];

/** Fields the CMS leaves out on purpose, as "form label: field path": see the header. */
const NOT_IN_CMS = new Set(
  forms
    .filter((form) => form.label.startsWith('pages →') && !form.label.includes('(src/content/pages/home.md)'))
    .flatMap((form) => [`${form.label}: draft`, ...(form.label.includes('(src/content/pages/contact/thanks.md)') ? [] : [`${form.label}: nextSteps`])]),
);

/** Values that test one rule each, by field name, beside the generated ones. */
const SAMPLES: Record<string, string[]> = {
  question: ['How do I get started?', 'How do I get started', 'Why now?', 'Is it for me ?  ', '😀😀😀😀😀😀😀?', '¿Qué es esto?'],
  phone: ['(801) 555-0142', '801-555-0142', '801 555 014', '+1 801 555 0142', '+44 20 7946 0958', '+1 801', '555-0142', '1-801-555-0142', 'call us', '(801) 555-0142 ext 12'],
  email: ['hello@example.com', 'first.last+tag@mail.example.org', 'hello@example', 'hello at example.com', '.hello@example.com', 'a..b@example.com', 'ann@bücher.de', ' hello@example.com'],
  siteUrl: ['https://www.example.com', 'https://www.example.com/', 'http://www.example.com', 'www.example.com', 'https://example.com/path', 'https://example.com/path/', 'https://', 'https:// example.com'],
  mapUrl: ['https://maps.app.goo.gl/abc123', 'http://maps.example.com/?q=Lehi', 'maps.google.com', 'not a link', 'https://'],
  url: ['https://www.facebook.com/example', 'facebook.com/example', 'not a link'],
  opens: ['09:00', '9:00', '23:59', '24:00', '18:60', ' 09:00'],
  closes: ['18:00', '6pm'],
  postalCode: ['84043', '84043-1234', '8404', '840431', ' 84043 ', '84043-12'],
  region: ['UT', 'ut', 'Utah', 'U', ' UT ', 'U T'],
  country: ['US', 'USA'],
  subject: ['We received your inquiry – {practiceName}', 'Hi {name}', '{practiceName', '{}', '{a{phone}', 'a }{ b', '{replyTime}{email}', ' '],
  paragraph: ['Call {phone} or write to {email}.', 'Dear {firstName}', '{ phone }', 'Braces { alone', '\n'],
};

/** Sets `value` at `path` in a copy of `data`, making the lists and blocks on the way. */
function withValue(data: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(data ?? {}) as Record<string | number, unknown>;
  let node = copy;
  path.forEach((key, index) => {
    if (index === path.length - 1) node[key] = value;
    else node = (node[key] ??= typeof path[index + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
  return copy;
}

/** Whether zod accepts `value` at `path` of an otherwise unchanged file (problems elsewhere do not count). */
function zodAccepts(form: Form, path: (string | number)[], value: string): boolean {
  const result = form.schema.safeParse(withValue(form.data, path, value));
  return result.success || !result.error.issues.some((issue) => path.every((key, index) => issue.path[index] === key));
}

/**
 * Sample values for a text field: its own, then lengths at each limit (plain, ending like its own
 * value, e.g. with a question mark, and with spaces around), spaces alone, and a line break.
 */
function samples(field: CmsField, schema: JsonSchema, own: unknown): string[] {
  const values = [...(typeof own === 'string' ? [own] : []), ...(SAMPLES[field.name] ?? [])];
  const min = schema.minLength ?? 0;
  const last = typeof own === 'string' ? own.trim().at(-1) ?? 'a' : 'a';
  for (const length of [min - 1, min, min + 1, schema.maxLength, (schema.maxLength ?? -2) + 1]) {
    if (length !== undefined && length > 0) values.push('a'.repeat(length), `${'a'.repeat(length - 1)}${last}`, `  ${'a'.repeat(length)}  `);
  }
  values.push(' '.repeat(min + 2));
  if (field.widget === 'text') values.push(`${'a'.repeat(Math.max(min, 2))}\n${'b'.repeat(3)}`);
  return values;
}

/** Compares one form's fields with the schema's, recursively; returns one line per difference. */
function compare(form: Form, fields: CmsField[], schema: JsonSchema, path: (string | number)[], own: unknown): string[] {
  const at = (name: string) => `${form.label}: ${[...path, name].filter((key) => typeof key === 'string').join(' › ')}`;
  const problems: string[] = [];
  const properties = schema.properties ?? {};
  const names = fields.map((field) => field.name).filter((name) => !(path.length === 0 && name === 'body'));
  for (const name of Object.keys(properties)) if (!names.includes(name) && !NOT_IN_CMS.has(at(name).replace(/ › /g, '.'))) problems.push(`${at(name)}: in the schema, not in the CMS`);
  for (const field of fields) {
    if (path.length === 0 && field.name === 'body') continue;
    const property = properties[field.name];
    if (!property) {
      problems.push(`${at(field.name)}: in the CMS, not in the schema`);
      continue;
    }
    const value = (own as Record<string, unknown> | undefined)?.[field.name];
    problems.push(...compareField(form, field, property, (schema.required ?? []).includes(field.name), [...path, field.name], value, at(field.name)));
  }
  return problems;
}

function compareField(form: Form, field: CmsField, property: JsonSchema, required: boolean, path: (string | number)[], own: unknown, where: string): string[] {
  const problems: string[] = [];
  const differ = (what: string, cmsValue: unknown, schemaValue: unknown) => {
    if (JSON.stringify(cmsValue) !== JSON.stringify(schemaValue)) problems.push(`${where}: ${what} is ${JSON.stringify(cmsValue)} in the CMS, ${JSON.stringify(schemaValue)} in the schema`);
  };
  differ('required', field.required !== false, required);
  // With no default in the CMS, an optional field stays empty and the schema's default applies.
  if (field.default !== undefined || required) differ('default', field.default, property.default);
  const kind = (() => {
    if (property.contentMediaType === 'image/*') return 'image';
    if (property.format === 'date') return 'datetime';
    if (property.type === 'string') return property.enum ? 'select' : 'string';
    if (property.type === 'integer' || property.type === 'number') return 'number';
    if (property.type === 'array') return property.items?.enum ? 'select multiple' : 'list';
    return property.type;
  })();
  // A time control writes "09:00", as its `format` says: a string of the schema's form.
  const time = field.widget === 'datetime' && field.date_format === false && field.format === 'HH:mm';
  const widget = field.widget === 'text' || time ? 'string' : field.widget === 'select' && field.multiple ? 'select multiple' : field.widget;
  differ('the kind of field', widget, kind);
  if (kind === 'number') {
    differ('value_type', field.value_type, property.type === 'integer' ? 'int' : 'float');
    differ('min', field.min, property.minimum);
  }
  if (kind === 'select' || kind === 'select multiple') {
    const options = ((field.options ?? []) as (string | { value: string })[]).map((option) => (typeof option === 'string' ? option : option.value));
    differ('the choices', options, property.enum ?? property.items?.enum);
  }
  if (kind === 'select multiple' || kind === 'list') {
    differ('the least number of items', field.min, property.minItems);
    differ('the most items', field.max, property.maxItems);
  }
  if (kind === 'list' && property.items) {
    const first = Array.isArray(own) ? own[0] : undefined;
    if (field.field) problems.push(...compareField(form, field.field, property.items, true, [...path, 0], first, `${where} › each item`));
    else if (field.fields) problems.push(...compare(form, field.fields, property.items, [...path, 0], first));
    else problems.push(`${where}: a list in the CMS without the field of its items`);
  }
  if (kind === 'object') problems.push(...compare(form, field.fields ?? [], property, path, own));
  if (kind === 'string' && time) {
    for (const value of ['00:00', '09:00', '18:30', '23:59']) if (!zodAccepts(form, path, value)) problems.push(`${where}: the time control's ${value} is refused by the schema`);
  } else if (kind === 'string') {
    const pattern = field.pattern ? new RegExp((field.pattern as [string, string])[0]) : undefined;
    for (const value of samples(field, property, own)) {
      const schemaSays = zodAccepts(form, path, value);
      const cmsSays = pattern ? pattern.test(value) : true;
      if (schemaSays !== cmsSays) problems.push(`${where}: ${JSON.stringify(value)} is ${cmsSays ? 'accepted' : 'refused'} by the CMS, ${schemaSays ? 'accepted' : 'refused'} by the schema`);
    }
  }
  return problems;
}

describe('the content manager covers every content file', () => {
  test('one collection for each of the site\'s, and the settings', () => {
    expect(cms.collections.map((collection) => collection.name).sort()).toEqual(['faq', 'locations', 'pages', 'settings', 'team']);
    expect(Object.keys(collections).sort()).toEqual(['faq', 'home', 'locations', 'pages', 'team']);
  });

  test.each(['faq', 'locations', 'team'])('%s: the folder the site reads, one markdown file per entry, created and deleted at will', (name) => {
    expect(cms.collections.find((collection) => collection.name === name)).toMatchObject({ folder: `src/content/${name}`, extension: 'md', format: 'frontmatter', create: true, delete: true });
  });

  test('pages: every page file, and none can be added or deleted (each has its own route)', () => {
    const files = readdirSync('src/content/pages', { recursive: true, encoding: 'utf8' }).filter((name) => /\.mdx?$/.test(name)).map((name) => `src/content/pages/${name}`);
    expect(pagesCollection?.files?.map((file) => file.file).sort()).toEqual(files.sort());
    expect(pagesCollection).toMatchObject({ delete: false });
    expect(pagesCollection).not.toHaveProperty('folder');
  });

  test('"View Preview" opens each page at its own address on the deploy preview', () => {
    for (const file of pagesCollection?.files ?? []) {
      const id = file.file.replace(/^src\/content\/pages\/|\.mdx?$/g, '');
      const expected = id === 'home' ? '' : id === '404' ? 'page-not-found/' : `${id}/`;
      expect(file.preview_path, file.file).toBe(expected);
    }
  });

  test('settings: settings.json, which cannot be deleted', () => {
    const settings = cms.collections.find((collection) => collection.name === 'settings');
    expect(settings?.files?.map((file) => file.file)).toEqual([SETTINGS_FILE]);
    expect(settings).toMatchObject({ delete: false });
  });

  test('team photos are stored in each profile\'s own folder, where image() looks for them', () => {
    expect(cms.collections.find((collection) => collection.name === 'team')).toMatchObject({ path: '{{slug}}/index', media_folder: '', public_folder: '' });
  });

  test('every field has a label and every optional one says so to Decap (whose fields are required by default)', () => {
    const unlabelled: string[] = [];
    const walk = (fields: CmsField[], where: string) => {
      for (const field of fields) {
        if (!field.label) unlabelled.push(`${where}.${field.name}`);
        walk([...(field.fields ?? []), ...(field.field ? [field.field] : [])], `${where}.${field.name}`);
      }
    };
    for (const form of forms) walk(form.fields, form.label);
    expect(unlabelled).toEqual([]);
  });
});

describe.each(forms)('$label', (form) => {
  test('has the fields of its schema, alike in name, need, kind, choices, list sizes, defaults and checks', () => {
    expect(compare(form, form.fields, jsonSchemaOf(form.schema), [], form.data)).toEqual([]);
  });

  test('markdown entries have their text; the settings have none', () => {
    const body = form.fields.find((field) => field.name === 'body');
    if (form.label.startsWith('settings')) expect(body).toBeUndefined();
    else expect(body).toMatchObject({ widget: 'markdown', editor_components: [] });
  });
});
