import { createHash } from 'node:crypto';
import { telHref } from '../../../src/lib/format.ts';
import type { SiteSettings } from '../../../src/lib/site-settings.ts';
import { escapeHtml } from './email.ts';

/**
 * Every answer the function gives, in the visitor's terms: the status, the JSON the page's script
 * shows, and for a plain form post the redirect or a self-contained error page.
 */

/** Who the studio is and the number to call when email fails (src/content/settings.json). */
export type SiteFacts = Pick<SiteSettings, 'practiceName' | 'phone'>;

/** Every answer but "sent" and "invalid", given "Please call us at …". "NOT sent" only where we know nothing went out. */
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
  unconfirmed: { status: 504, message: (call: string) => `We could not confirm that your inquiry was sent: our email service did not answer in time. Sending it again will not send it twice. To be sure it reached us, ${call.toLowerCase()}.` },
  misconfigured: { status: 503, message: (call: string) => `Sorry, your inquiry was NOT sent because our contact form is not working right now. ${call}.` },
};

export type Outcome = { readonly kind: 'sent' } | { readonly kind: 'invalid'; readonly errors: Readonly<Record<string, string>> } | { readonly kind: keyof typeof REFUSALS };

/** JSON for the script and API callers (any JSON-ish Content-Type, else by Accept); HTML pages for form posts. */
export function replyFormat(request: Request): 'json' | 'html' {
  if ((request.headers.get('content-type') ?? '').toLowerCase().includes('json')) return 'json';
  const accept = (request.headers.get('accept') ?? '').toLowerCase();
  return accept.includes('application/json') && !accept.includes('text/html') ? 'json' : 'html';
}

const refusal = (kind: keyof typeof REFUSALS, { phone }: SiteFacts) => REFUSALS[kind].message(phone ? `Please call us at ${phone}` : 'Please call us');

/** The site's colours and type (src/styles/tokens.css) in a few lines: text at 7:1, the focus ring at 3:1 (tests/unit/styles/contrast.test.ts). */
export const ERROR_PAGE_STYLE = [
  "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:1.125rem;line-height:1.6;color:#1d2a2a;background:#fbf8f3;margin:0}",
  'header,footer{background:#ffffff;border-block:1px solid #c9d3cf;padding:1rem}header a{font-weight:700;font-size:1.25rem;text-decoration:none}',
  'main,header>*,footer>*{max-width:40rem;margin:0 auto}main{padding:1rem}footer ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}',
  '.error-summary{border:4px solid #9c1f17;background:#ffffff;padding:1rem;margin:1.5rem 0}.error-summary h2{margin-top:0;font-size:1.25rem}',
  'a{color:#123f3a}a:focus{outline:3px solid #a8482a;outline-offset:2px}',
].join('');

/** For a form post without JavaScript that did not go through: one h1, an error summary, the phone link and the way back. */
function errorPage(outcome: Exclude<Outcome, { kind: 'sent' }>, facts: SiteFacts): string {
  const { kind } = outcome;
  const heading = kind === 'invalid' ? 'Check your answers' : kind === 'wrong-method' ? 'Use the contact form' : kind === 'unconfirmed' ? 'We could not confirm your inquiry' : 'Your inquiry was not sent';
  const lead = kind === 'invalid' ? 'Your inquiry has not been sent yet. Go back to the form, correct these answers and send it again.'
    : kind === 'unconfirmed' ? 'It may well have reached us, but we could not confirm it.' : 'We are sorry: your inquiry did not reach us.';
  const problems = outcome.kind === 'invalid' ? Object.values(outcome.errors) : [refusal(outcome.kind, facts)];
  const phone = facts.phone ? `<p>To reach us now, call <a href="${escapeHtml(telHref(facts.phone))}">${escapeHtml(facts.phone)}</a>.</p>\n` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(facts.practiceName ? `${heading} – ${facts.practiceName}` : heading)}</title>
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
${problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('\n')}
</ul>
</div>
${phone}<p><a href="/contact/">Return to the contact form</a>. Your browser’s Back button usually keeps what you typed.</p>
</main>
<footer><ul><li><a href="/">Home</a></li><li><a href="/contact/">Contact</a></li><li><a href="/privacy/">Privacy notice</a></li></ul></footer>
</body>
</html>
`;
}

const STYLE_HASH = createHash('sha256').update(ERROR_PAGE_STYLE).digest('base64');

/**
 * Headers on every answer: Netlify applies netlify.toml's [[headers]] to CDN files only. Nothing is
 * cached, framed or sniffed, and the CSP allows nothing but the error page's own style, by hash.
 */
const headersFor = (type: string | undefined, extra: Record<string, string> = {}) => ({
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': `default-src 'none'; ${type?.startsWith('text/html') ? `style-src 'sha256-${STYLE_HASH}'; ` : ''}frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  ...(type ? { 'Content-Type': type } : {}),
  ...extra,
});

export function reply(outcome: Outcome, format: 'json' | 'html', facts: SiteFacts): Response {
  const status = outcome.kind === 'sent' ? 200 : outcome.kind === 'invalid' ? 422 : REFUSALS[outcome.kind].status;
  const allow = outcome.kind === 'wrong-method' ? { Allow: 'POST' } : undefined;
  // 303 See Other: after a form post the browser GETs the thank-you page, so Reload never posts again.
  if (outcome.kind === 'sent' && format === 'html') return new Response(null, { status: 303, headers: headersFor(undefined, { Location: '/contact/thanks/' }) });
  if (outcome.kind !== 'sent' && format === 'html') return new Response(errorPage(outcome, facts), { status, headers: headersFor('text/html; charset=utf-8', allow) });
  const body = outcome.kind === 'sent' ? { ok: true, message: 'Thank you. Your inquiry has been sent, and we will get back to you soon.' }
    : outcome.kind === 'invalid' ? { ok: false, message: 'Your inquiry has not been sent yet. Check the answers marked below and send it again.', errors: outcome.errors }
    : { ok: false, message: refusal(outcome.kind, facts), phone: facts.phone };
  return new Response(JSON.stringify(body), { status, headers: headersFor('application/json; charset=utf-8', allow) });
}
