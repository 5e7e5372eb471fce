import { createHash } from 'node:crypto';
import { telHref } from '../../../src/lib/format.ts';
import type { SiteSettings } from '../../../src/lib/site-settings.ts';
import { escapeHtml } from './email.ts';

/**
 * Every answer the function gives, in the visitor's terms: the status, the JSON the form's script
 * shows, the redirect or error page a plain form post gets, and the headers on all of them.
 */

/** Where a successful form post without JavaScript lands, and where the error page leads back to. */
const THANKS_PAGE_PATH = '/contact/thanks/';
const CONTACT_PAGE_PATH = '/contact/';

/** Who the studio is and the number to call when email fails, from src/content/settings.json. */
export type SiteFacts = Pick<SiteSettings, 'practiceName' | 'phone'>;

/**
 * Every answer but "sent" and "invalid": its status and the visitor's sentence, given "Please call
 * us at …" ("NOT sent" only where we know nothing went out, with the phone number).
 */
const REFUSALS = {
  'wrong-method': { status: 405, message: () => 'This address only accepts inquiries sent from the form on our contact page.' },
  'cross-site': { status: 403, message: (call: string) => `Your inquiry was NOT sent because it came from another website. Please use the form on our contact page. ${call}.` },
  'unsupported-type': { status: 415, message: () => 'Your inquiry was NOT sent because it was not in a format we accept. Please use the form on our contact page.' },
  'too-large': { status: 413, message: () => 'Your inquiry was NOT sent because it is too long. Please shorten your message to 2,000 characters or fewer and send it again.' },
  malformed: { status: 400, message: () => 'Your inquiry was NOT sent because we could not read it. Please send it again from our contact page.' },
  'too-many-fields': { status: 400, message: () => 'Your inquiry was NOT sent because it has far more answers than our form asks for. Please use the form on our contact page.' },
  conflict: { status: 409, message: (call: string) => `Your inquiry was NOT sent: this form was already sent with different answers. Reload the contact page to send a new inquiry, or ${call.toLowerCase()}.` },
  refused: { status: 502, message: (call: string) => `Sorry, your inquiry was NOT sent: our email service refused it. ${call}, or try again later.` },
  unavailable: { status: 503, message: (call: string) => `Sorry, your inquiry was NOT sent because our email service is not responding. Please try again in a few minutes, or ${call.toLowerCase()}.` },
  // Gateway Timeout: Resend got the inquiry and did not answer in time, so it may well have arrived.
  unconfirmed: {
    status: 504,
    message: (call: string) => `We could not confirm that your inquiry was sent: our email service did not answer in time. Sending it again will not send it twice. To be sure it reached us, ${call.toLowerCase()}.`,
  },
  misconfigured: { status: 503, message: (call: string) => `Sorry, your inquiry was NOT sent because our contact form is not working right now. ${call}.` },
};

/** Everything the function can answer. */
export type Outcome = { readonly kind: 'sent' } | { readonly kind: 'invalid'; readonly errors: Readonly<Record<string, string>> } | { readonly kind: keyof typeof REFUSALS };

/** JSON for the script and API callers (by Content-Type, else by Accept); HTML pages for form posts. */
export function replyFormatOf(request: Request): 'json' | 'html' {
  // Any JSON-ish type, even one refused with 415, was sent by code that reads JSON.
  if ((request.headers.get('content-type') ?? '').toLowerCase().includes('json')) return 'json';
  const accept = (request.headers.get('accept') ?? '').toLowerCase();
  return accept.includes('application/json') && !accept.includes('text/html') ? 'json' : 'html';
}

const messageFor = (kind: keyof typeof REFUSALS, facts: SiteFacts) => REFUSALS[kind].message(facts.phone ? `Please call us at ${facts.phone}` : 'Please call us');

const SENT_MESSAGE = 'Thank you. Your inquiry has been sent, and we will get back to you soon.';
const INVALID_MESSAGE = 'Your inquiry has not been sent yet. Check the answers marked below and send it again.';

/**
 * The site's look in a few lines (colours and type of src/styles/tokens.css; the web font's file name
 * is hashed by the build, so the page uses the site's fallback stack), allowed by hash, so no
 * 'unsafe-inline'. Text reaches 7:1 (WCAG AAA), the focus ring 3:1 (tests/unit/styles/contrast.test.ts).
 */
export const ERROR_PAGE_STYLE = [
  "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:1.125rem;line-height:1.6;color:#1d2a2a;background:#fbf8f3;margin:0}",
  'header,footer{background:#ffffff;border-block:1px solid #c9d3cf;padding:1rem}',
  'header a{font-weight:700;font-size:1.25rem;text-decoration:none}',
  'main,header>*,footer>*{max-width:40rem;margin:0 auto}',
  'main{padding:1rem}',
  'footer ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}',
  '.error-summary{border:4px solid #9c1f17;background:#ffffff;padding:1rem;margin:1.5rem 0}',
  '.error-summary h2{margin-top:0;font-size:1.25rem}',
  'a{color:#123f3a}',
  'a:focus{outline:3px solid #a8482a;outline-offset:2px}',
].join('');

/**
 * The page a form post without JavaScript gets when it did not go through: self-contained (no
 * scripts, no external files), the site's header and footer links, one h1, an error summary list,
 * the phone number as a link and the way back to the form. Every piece of text is escaped, including the site facts.
 */
function errorPage(outcome: Exclude<Outcome, { kind: 'sent' }>, facts: SiteFacts): string {
  const invalid = outcome.kind === 'invalid';
  const unconfirmed = outcome.kind === 'unconfirmed';
  const heading = invalid ? 'Check your answers' : outcome.kind === 'wrong-method' ? 'Use the contact form' : unconfirmed ? 'We could not confirm your inquiry' : 'Your inquiry was not sent';
  const lead = invalid
    ? 'Your inquiry has not been sent yet. Go back to the form, correct these answers and send it again.'
    : unconfirmed
      ? 'It may well have reached us, but we could not confirm it.'
      : 'We are sorry: your inquiry did not reach us.';
  const problems = invalid ? Object.values(outcome.errors) : [messageFor(outcome.kind, facts)];
  const items = problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('\n');
  const phone = facts.phone ? `<p>To reach us now, call <a href="${escapeHtml(telHref(facts.phone))}">${escapeHtml(facts.phone)}</a>.</p>` : '';
  const title = facts.practiceName ? `${heading} – ${facts.practiceName}` : heading;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${ERROR_PAGE_STYLE}</style>
</head>
<body>
<header><p><a href="/">${escapeHtml(facts.practiceName || 'Home')}</a></p></header>
<main>
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(lead)}</p>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">There is a problem</h2>
<ul>
${items}
</ul>
</div>
${phone}
<p><a href="${CONTACT_PAGE_PATH}">Return to the contact form</a>. Your browser’s Back button usually keeps what you typed.</p>
</main>
<footer><ul><li><a href="/">Home</a></li><li><a href="${CONTACT_PAGE_PATH}">Contact</a></li><li><a href="/privacy/">Privacy notice</a></li></ul></footer>
</body>
</html>
`;
}

/** The error page's own style, allowed by its hash. */
const ERROR_PAGE_STYLE_SRC = `style-src 'sha256-${createHash('sha256').update(ERROR_PAGE_STYLE, 'utf8').digest('base64')}'; `;

/**
 * Headers on every answer. Netlify applies netlify.toml [[headers]] to CDN files only, never to
 * function responses, so the function sets its own. Nothing is cached (answers are per visitor),
 * nothing is framed or sniffed, and the CSP allows nothing but the error page's own hashed style.
 */
function securityHeaders(withErrorPageStyle = false): Record<string, string> {
  const styleSrc = withErrorPageStyle ? ERROR_PAGE_STYLE_SRC : '';
  return {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': `default-src 'none'; ${styleSrc}frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

/** Turns an outcome into the Response for the caller's format, with status, headers and body. */
export function reply(outcome: Outcome, format: 'json' | 'html', facts: SiteFacts): Response {
  const status = outcome.kind === 'sent' ? 200 : outcome.kind === 'invalid' ? 422 : REFUSALS[outcome.kind].status;
  const allow: Record<string, string> = outcome.kind === 'wrong-method' ? { Allow: 'POST' } : {};
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', ...allow } });

  if (outcome.kind === 'sent') {
    // 303 See Other: after a form post the browser GETs the thank-you page, so Reload never re-posts.
    if (format === 'html') return new Response(null, { status: 303, headers: { ...securityHeaders(), Location: THANKS_PAGE_PATH } });
    return json({ ok: true, message: SENT_MESSAGE });
  }
  if (format === 'html') {
    return new Response(errorPage(outcome, facts), {
      status,
      headers: { ...securityHeaders(true), 'Content-Type': 'text/html; charset=utf-8', ...allow },
    });
  }
  if (outcome.kind === 'invalid') return json({ ok: false, message: INVALID_MESSAGE, errors: outcome.errors });
  return json({ ok: false, message: messageFor(outcome.kind, facts), phone: facts.phone });
}
