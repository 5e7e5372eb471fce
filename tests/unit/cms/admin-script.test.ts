/**
 * public/admin/admin.js, run against a stand-in for Decap's `window.CMS` that records what it
 * registers: what config.yml refers to exists, and settings.json is written back as it was laid out.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { readCmsConfig } from '../../../src/integrations/cms-config.ts';
import { SETTINGS_FILE } from '../../../src/lib/site-settings.ts';

interface Format {
  fromFile(text: string): unknown;
  toFile(data: unknown): string;
}

function loadAdminScript() {
  const formats = new Map<string, Format>();
  const templates = new Set<string>();
  const styles: string[] = [];
  const events: string[] = [];
  const CMS = {
    getLocale: () => ({ editor: { editorControlPane: { widget: { regexPattern: "%{fieldLabel} didn't match the pattern: %{pattern}" } } } }),
    registerLocale: () => undefined,
    registerEventListener: ({ name }: { name: string }) => events.push(name),
    registerCustomFormat: (name: string, _extension: string, format: Format) => formats.set(name, format),
    registerPreviewStyle: (url: string) => styles.push(url),
    registerPreviewTemplate: (name: string) => templates.add(name),
  };
  new Function('window', readFileSync('public/admin/admin.js', 'utf8'))({ CMS, h: () => null });
  return { formats, templates, styles, events };
}

const cms = readCmsConfig();
const admin = loadAdminScript();

test('every format config.yml names is registered', () => {
  const named = cms.collections.map((collection) => collection.format).filter((format): format is string => typeof format === 'string' && format !== 'frontmatter');
  expect(named).toEqual(['json-in-order']);
  for (const format of named) expect(admin.formats.has(format), format).toBe(true);
});

test('settings.json is written back byte for byte, and a change touches its own line only', () => {
  const format = admin.formats.get('json-in-order')!;
  const text = readFileSync(SETTINGS_FILE, 'utf8');
  const data = format.fromFile(text) as { site: Record<string, unknown> };
  expect(format.toFile(data)).toBe(text);

  // Decap hands the data back in an order of its own, with the changed value.
  const shuffled = { site: Object.fromEntries(Object.entries({ ...data.site, phone: '(801) 766-2210' }).reverse()) };
  const lines = (value: string) => value.split('\n');
  const changed = lines(format.toFile(shuffled)).filter((line, index) => line !== lines(text)[index]);
  expect(changed).toEqual(['    "phone": "(801) 766-2210",']);
});

test('every collection and page file has a preview shaped like the site, with the site\'s styles', () => {
  const names = cms.collections.flatMap((collection) => (collection.files ? collection.files.map((file) => file.name) : [collection.name]));
  const previewed = names.filter((name) => admin.templates.has(name));
  expect(previewed).toEqual(names.filter((name) => name !== 'site'));
  expect(admin.styles).toEqual(['/admin/preview.css']);
});

test('emptied fields are left out of the files on every save', () => {
  expect(admin.events).toEqual(['preSave']);
});
