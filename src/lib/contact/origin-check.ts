/**
 * Refuses posts that another site's page makes a visitor's browser send (cross-site request forgery).
 *
 * The rule, in order:
 * 1. `Sec-Fetch-Site` (sent by every current browser; pages cannot forge it) decides when present:
 *    only `same-origin` (our own form or script) and `none` (typed or bookmarked) are accepted.
 * 2. Otherwise `Origin`, when present, must name this host. `Origin: null` is refused: it comes from
 *    sandboxed frames and privacy-stripped contexts, never from our page without rule 1 applying.
 * 3. With neither header the request is not from a browser (curl, monitoring, tests): accepted,
 *    because browsers always send `Origin` on a POST and a non-browser client has no visitor
 *    session to abuse. Validation, the honeypot and the platform rate limit still apply.
 *
 * Hosts are compared without the scheme: behind a proxy the function may see http:// while the
 * visitor's browser says https://.
 */
export function isSameOriginPost(request: Request): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null) {
    const site = fetchSite.trim().toLowerCase();
    return site === 'same-origin' || site === 'none';
  }
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  try {
    return new URL(origin).host === new URL(request.url).host;
  } catch {
    // "null", or anything else that is not a URL.
    return false;
  }
}
