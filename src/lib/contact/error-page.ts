import { escapeHtml } from './html.ts';
import type { HtmlPage } from './responses.ts';
import type { SiteFacts } from './site-facts.ts';

/** Where the visitor goes back to. */
export const CONTACT_PAGE_PATH = '/contact/';

/**
 * Readable without the site's stylesheet (which the function cannot link under its CSP); allowed
 * by hash, so no 'unsafe-inline'. Colors meet WCAG AA contrast on white.
 */
export const ERROR_PAGE_STYLE = [
  'body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;margin:0;padding:1rem}',
  'main{max-width:40rem;margin:0 auto}',
  '.error-summary{border:4px solid #a4141e;padding:1rem;margin:1.5rem 0}',
  '.error-summary h2{margin-top:0;font-size:1.25rem}',
  'a{color:#1d4e89}',
  'a:focus{outline:3px solid #1b1b1b;outline-offset:2px}',
].join('');

export interface ErrorPageContent {
  /** The page heading, also the first part of the title. */
  readonly heading: string;
  /** One sentence under the heading. */
  readonly lead: string;
  /** What went wrong, one item per problem (field messages for invalid answers). */
  readonly problems: readonly string[];
}

/**
 * The page a form post without JavaScript gets when it did not go through: self-contained (no
 * scripts, no external files), one h1, an error summary list, the phone number as a link and the
 * way back to the form. Every piece of text is escaped, including the site facts.
 */
export function renderErrorPage(content: ErrorPageContent, facts: SiteFacts): HtmlPage {
  const items = content.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('\n');
  const phone = facts.phone
    ? `<p>To reach us now, call <a href="${escapeHtml(facts.phoneHref)}">${escapeHtml(facts.phone)}</a>.</p>`
    : '';
  const title = facts.practiceName ? `${content.heading} – ${facts.practiceName}` : content.heading;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${ERROR_PAGE_STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(content.heading)}</h1>
<p>${escapeHtml(content.lead)}</p>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">There is a problem</h2>
<ul>
${items}
</ul>
</div>
${phone}
<p><a href="${CONTACT_PAGE_PATH}">Return to the contact form</a>. Your browser’s Back button usually keeps what you typed.</p>
</main>
</body>
</html>
`;
  return { html, inlineStyles: [ERROR_PAGE_STYLE] };
}
