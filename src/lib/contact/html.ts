/**
 * Escapes text for HTML element content and quoted attribute values. Every piece of visitor input
 * goes through this before it meets HTML (the email body, the error page).
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
