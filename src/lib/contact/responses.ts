import { createHash } from 'node:crypto';

/** An HTML document and the inline <style> blocks it contains, which the CSP must allow by hash. */
export interface HtmlPage {
  readonly html: string;
  readonly inlineStyles: readonly string[];
}

/** CSP source for one inline style, e.g. 'sha256-abc…='. */
export function styleHashSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/**
 * Headers on every answer. Netlify applies netlify.toml [[headers]] to CDN files only, never to
 * function responses, so the function sets its own. Nothing is cached (answers are per visitor),
 * nothing is framed or sniffed, and the CSP allows nothing but the page's own hashed style.
 */
export function securityHeaders(inlineStyles: readonly string[] = []): Record<string, string> {
  const styleSrc = inlineStyles.length > 0 ? `style-src ${inlineStyles.map(styleHashSource).join(' ')}; ` : '';
  return {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': `default-src 'none'; ${styleSrc}frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

export function jsonResponse(status: number, body: unknown, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', ...extraHeaders },
  });
}

export function htmlResponse(status: number, page: HtmlPage, extraHeaders: Record<string, string> = {}): Response {
  return new Response(page.html, {
    status,
    headers: { ...securityHeaders(page.inlineStyles), 'Content-Type': 'text/html; charset=utf-8', ...extraHeaders },
  });
}

/** 303 See Other: after a form post the browser GETs the target, so Reload never re-posts. */
export function redirectResponse(location: string): Response {
  return new Response(null, { status: 303, headers: { ...securityHeaders(), Location: location } });
}
