import type { SiteSettings } from './site-settings.ts';
import { mapUrl, telHref } from './format.ts';

/** schema.org structured data for `<script type="application/ld+json">`: the practice, the FAQ. */

/** The JSON of one block. `<` is escaped so that no text from the content files can close the script element early. */
export function jsonLd(data: Record<string, unknown>): string {
  return JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c');
}

/** The practice as a MedicalBusiness (a kind of LocalBusiness). */
export function practiceJsonLd(settings: SiteSettings): Record<string, unknown> {
  const { street, city, region, postalCode, country } = settings.studioAddress;
  return {
    '@type': 'MedicalBusiness',
    name: settings.practiceName,
    description: settings.description,
    url: `${settings.siteUrl}/`,
    image: `${settings.siteUrl}/og-default.png`,
    telephone: telHref(settings.phone).replace('tel:', ''),
    email: settings.email,
    address: { '@type': 'PostalAddress', streetAddress: street, addressLocality: city, addressRegion: region, postalCode, addressCountry: country },
    hasMap: mapUrl(settings),
    areaServed: settings.serviceArea.map((name) => ({ '@type': 'City', name: `${name}, ${region}` })),
    openingHoursSpecification: settings.hours.map(({ days, opens, closes }) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: days.map((day) => `https://schema.org/${day}`),
      opens,
      closes,
    })),
    ...(settings.social.length > 0 && { sameAs: settings.social.map((link) => link.url) }),
  };
}

/**
 * Plain text from the simple markdown the owner writes (links, emphasis, paragraphs), where HTML
 * would be out of place. Line breaks go first, so emphasis that spans two lines is recognised too.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)/gm, '')
    .replace(/\s+/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .trim();
}

/** The questions and their answers as plain text, for an FAQPage. */
export function faqJsonLd(questions: readonly { data: { question: string }; body?: string }[]): Record<string, unknown> {
  return {
    '@type': 'FAQPage',
    mainEntity: questions.map(({ data, body }) => ({
      '@type': 'Question',
      name: data.question,
      acceptedAnswer: { '@type': 'Answer', text: markdownToText(body ?? '') },
    })),
  };
}
