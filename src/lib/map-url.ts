import type { SiteSettings } from './settings-schema.ts';

/** The address on one line, as a map search or a screen reader reads it. */
export function addressLine({ street, city, region, postalCode }: SiteSettings['studioAddress']): string {
  return `${street}, ${city}, ${region} ${postalCode}`;
}

/** The owner's own map link when set, else a map search for the studio address. */
export function mapUrl(settings: Pick<SiteSettings, 'mapUrl' | 'studioAddress'>): string {
  if (settings.mapUrl) return settings.mapUrl;
  const query = encodeURIComponent(addressLine(settings.studioAddress));
  return `https://www.google.com/maps/search/?api=1&query=${query}`;
}
