import type { SiteSettings } from './settings-schema.ts';
import { mapUrl } from './map-url.ts';
import { telHref } from './tel-href.ts';

const DAY_URL = 'https://schema.org/';

/** Structured data describing the practice (a MedicalBusiness, a kind of LocalBusiness). */
export function practiceJsonLd(settings: SiteSettings, imageUrl: string): Record<string, unknown> {
  const { street, city, region, postalCode, country } = settings.studioAddress;
  return {
    '@type': 'MedicalBusiness',
    '@id': `${settings.siteUrl}/#practice`,
    name: settings.practiceName,
    description: settings.description,
    url: `${settings.siteUrl}/`,
    image: imageUrl,
    telephone: telHref(settings.phone).replace('tel:', ''),
    email: settings.email,
    address: {
      '@type': 'PostalAddress',
      streetAddress: street,
      addressLocality: city,
      addressRegion: region,
      postalCode,
      addressCountry: country,
    },
    hasMap: mapUrl(settings),
    areaServed: settings.serviceArea.map((name) => ({ '@type': 'City', name: `${name}, ${region}` })),
    openingHoursSpecification: settings.hours.map(({ days, opens, closes }) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: days.map((day) => `${DAY_URL}${day}`),
      opens,
      closes,
    })),
    ...(settings.social.length > 0 ? { sameAs: settings.social.map((link) => link.url) } : {}),
  };
}
