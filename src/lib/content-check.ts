import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { placeInCms, readCmsConfig } from '../integrations/cms-config.ts';

/**
 * What a schema cannot see, in the owner's words: a photo that is not there, a question asked twice.
 * Each stops the build as Astro's own content error, naming the entry and the box to fix. While
 * `npm start` runs, a file with a mistake is left off the site, and the `mistakes` collection holds
 * its message for every page to show (BaseLayout), until the file is fixed.
 */

const IMAGE = /\.(avif|gif|jpe?g|png|svg|tiff?|webp)$/i;

/** Each file's unfixed mistake, by its path, shared by the loaders of src/content.config.ts. */
const mistakes = new Map<string, string>();
let published = (): void => undefined;
function record(file: string, text?: string): void {
  if (text ? mistakes.get(file) === text : !mistakes.has(file)) return;
  if (text) mistakes.set(file, text);
  else mistakes.delete(file);
  published();
}

/** The `mistakes` collection: its one entry, "unfixed", lists each file's mistake, kept current while `npm start` runs. */
export const mistakesLoader: Loader = {
  name: 'content-mistakes',
  load: async ({ store }) => {
    published = () => void store.set({ id: 'unfixed', data: { lines: [...mistakes.values()] } });
    published();
  },
};

/** The box a field is in, as the content manager labels it ("Photo"), else the field's name. */
function box(file: string, field: string): string {
  try {
    return placeInCms(readCmsConfig(), file, [field])?.split(' → ').at(-1) ?? field;
  } catch {
    return field;
  }
}

/**
 * Astro's `glob()` loader, checking what the schemas cannot: every photo an entry names exists,
 * and no two entries share the value of `unique` (two questions alike would show twice).
 */
export function checkedGlob({ unique, ...options }: Parameters<typeof glob>[0] & { unique?: string }): Loader {
  const loader = glob(options);
  /** Each entry read: its file, its value of `unique` as written and compared, the photos it names. */
  const seen = new Map<string, { path: string; value?: string; key?: string; photos: string[] }>();
  return {
    ...loader,
    load: (context) => {
      const root = fileURLToPath(context.config.root);
      const named = (path: string) => relative(root, path).split(sep).join('/');
      // Every file is read again now: forget what this loader's earlier reading found.
      for (const { path } of seen.values()) for (const key of [path, `${path} (twin)`]) record(key);
      seen.clear();
      /** Entries left off the site while `npm start` runs, until their file is fixed. */
      const held = new Set<string>();
      const hold = (id: string, path: string, message: string) => {
        record(path, `${named(path)}: ${message}`);
        held.add(id);
        context.store.delete(id);
      };
      /** The entry's mistake if another has its value of `unique`: the later file by name is the one named. */
      const twin = (path: string) => {
        const entry = [...seen.values()].find((other) => other.path === path);
        const first = entry?.key && [...seen.values()].find((other) => other.path !== path && other.key === entry.key && (other.path < path || !context.watcher));
        return first ? `${named(path)}: ${box(named(path), unique!)}: “${entry.value}” is on the site already (${named(first.path)}): change one of the two, or delete one.` : undefined;
      };
      // While `npm start` runs, both stay on the site until one is changed or deleted.
      const twins = () => {
        for (const { path } of seen.values()) record(`${path} (twin)`, twin(path));
      };
      const parseData: LoaderContext['parseData'] = async (props) => {
        const { id, data } = props;
        const path = resolve(root, props.filePath ?? '');
        const file = named(path);
        const value = unique && typeof data[unique] === 'string' ? data[unique] : undefined;
        const images = Object.entries(data).filter((field): field is [string, string] => typeof field[1] === 'string' && IMAGE.test(field[1]) && !/^\w+:/.test(field[1]));
        seen.set(id, { path, value, key: value?.trim().toLowerCase(), photos: images.map(([, value]) => resolve(dirname(path), value)) });
        /** A mistake stops the build; under `npm start` (which a mistake must not stop) the entry is held back. */
        const mistake = (message: string) => {
          if (!context.watcher) throw new Error(`${file}: ${message}`);
          hold(id, path, message);
          return data;
        };
        const duplicate = twin(path);
        if (duplicate && !context.watcher) throw new Error(duplicate);
        if (context.watcher) twins();
        const missing = images.find(([, value]) => !existsSync(resolve(dirname(path), value)));
        if (missing) return mistake(`${box(file, missing[0])}: the photo ${missing[1]} is not there any more (deleted or renamed): choose a photo again.`);
        let parsed: typeof data;
        try {
          parsed = await context.parseData(props);
        } catch (error) {
          return mistake((error instanceof Error ? error.message : String(error)).replaceAll('**', '').replace(/\s*\n\s*/g, ' '));
        }
        held.delete(id);
        record(path);
        // A draft keeps its photo as the path written, not an image to build (see `store` below).
        return parsed.draft === true ? ({ ...parsed, ...Object.fromEntries(images) } as typeof data) : parsed;
      };
      // Astro publishes every image an entry names, a draft's too; no page shows a draft, so none of its images is built.
      const store: LoaderContext['store'] = {
        ...context.store,
        set: (entry) => !held.has(entry.id) && context.store.set((entry.data as { draft?: unknown }).draft === true ? { ...entry, assetImports: undefined } : entry),
      };
      context.watcher?.on('unlink', (deleted) => {
        for (const [id, { path, photos }] of seen) {
          if (path === deleted) {
            seen.delete(id);
            held.delete(id);
            record(path);
            twins();
          } else if (photos.includes(deleted)) {
            hold(id, path, `${box(named(path), 'photo')}: the photo ${named(deleted)} was deleted: choose a photo again.`);
          }
        }
      });
      return loader.load({ ...context, parseData, store });
    },
  };
}
