/**
 * Astro's glob() loader, which under `npm start` keeps an entry with a mistake off the site until its
 * file is fixed, so that no page fails on it; every page then says why (src/integrations/example-values.ts
 * finds the mistakes, and the build refuses them). `files` tells the checklist where the entries are.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';

/** Where the entries are, and a field no two of them may share. */
type Files = { base: string; pattern: string | string[]; unique?: string };

export function checkedGlob(files: Files): Loader & { files: Files } {
  const loader = glob(files);
  const load: Loader['load'] = (context) => {
    const { watcher } = context;
    // A draft is never shown, and Astro would publish the images it names: it is not stored at all.
    const store = { ...context.store, set: (entry: Parameters<typeof context.store.set>[0]) => (entry.data as { draft?: unknown }).draft !== true && context.store.set(entry) };
    if (!watcher) return loader.load({ ...context, store });
    // Every entry is read afresh, so that none kept from the last run names a photo deleted since.
    context.store.clear();
    const held = new Set<string>();
    const photos = new Map<string, string>();
    const parseData: LoaderContext['parseData'] = async (props) => {
      // The photo as Decap names it (`photo: jane.jpg`), beside the entry.
      const photo = typeof props.data.photo === 'string' ? resolve(dirname(props.filePath ?? ''), props.data.photo) : undefined;
      try {
        if (photo && !existsSync(photo)) throw new Error('missing photo');
        const data = await context.parseData(props);
        held.delete(props.id);
        if (photo) photos.set(props.id, photo);
        else photos.delete(props.id);
        return data;
      } catch {
        held.add(props.id);
        context.store.delete(props.id);
        return props.data as typeof props.data;
      }
    };
    // A photo deleted while in use leaves its entry's file unchanged, so Astro would keep the entry.
    watcher.on('unlink', (deleted) => photos.forEach((photo, id) => photo === deleted && context.store.delete(id)));
    return loader.load({ ...context, parseData, store: { ...store, set: (entry) => !held.has(entry.id) && store.set(entry) } });
  };
  return { ...loader, load, files };
}
