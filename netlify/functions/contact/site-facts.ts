import { telHref } from '../../../src/lib/format.ts';
import { getSiteSettings } from '../../../src/lib/site-settings.ts';

/** The few site facts the function needs: who the studio is and the number to call when email fails. */
export interface SiteFacts {
  readonly practiceName: string;
  /** As people read it, e.g. "(801) 555-0142". */
  readonly phone: string;
  /** The same number as a `tel:` link, e.g. "tel:+18015550142". */
  readonly phoneHref: string;
}

/**
 * From src/content/settings.json through the site's one settings reader, which checks it on first
 * use (not at import time, so a broken settings file fails a request the handler can answer).
 */
export async function loadSiteFacts(): Promise<SiteFacts> {
  const { practiceName, phone } = await getSiteSettings();
  return { practiceName, phone, phoneHref: telHref(phone) };
}
