import settingsFile from '../../../src/content/settings.json' with { type: 'json' };
import { siteSettingsSchema } from '../../../src/lib/settings-schema.ts';
import { telHref } from '../../../src/lib/tel-href.ts';

/** The few site facts the function needs: who the studio is and the number to call when email fails. */
export interface SiteFacts {
  readonly practiceName: string;
  /** As people read it, e.g. "(801) 555-0142". */
  readonly phone: string;
  /** The same number as a `tel:` link, e.g. "tel:+18015550142". */
  readonly phoneHref: string;
}

let cached: SiteFacts | undefined;

/**
 * Reads src/content/settings.json through the site's own schema, once, on first use (not at import
 * time, so a broken settings file fails a request the handler can answer, not the module load).
 */
export function loadSiteFacts(): SiteFacts {
  if (!cached) {
    const { practiceName, phone } = siteSettingsSchema.parse(settingsFile.site);
    cached = { practiceName, phone, phoneHref: telHref(phone) };
  }
  return cached;
}
