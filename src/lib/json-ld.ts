/**
 * Serialises structured data for a `<script type="application/ld+json">`. `<` is escaped so that
 * no text from the content files can close the script element early.
 */
export function jsonLd(data: Record<string, unknown>): string {
  return JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c');
}
