import { renderErrorPage } from './error-page.ts';
import type { ErrorPageContent } from './error-page.ts';
import { htmlResponse, jsonResponse, redirectResponse } from './responses.ts';
import type { SiteFacts } from './site-facts.ts';

/** Where a successful form post without JavaScript lands. */
export const THANKS_PAGE_PATH = '/contact/thanks/';

/** Everything the function can answer, in the visitor's terms. */
export type Outcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'wrong-method' }
  | { readonly kind: 'cross-site' }
  | { readonly kind: 'unsupported-type' }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'too-many-fields' }
  | { readonly kind: 'invalid'; readonly errors: Readonly<Record<string, string>> }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'misconfigured' };

export type OutcomeKind = Outcome['kind'];

export const STATUS_OF: Readonly<Record<OutcomeKind, number>> = {
  sent: 200,
  'wrong-method': 405,
  'cross-site': 403,
  'unsupported-type': 415,
  'too-large': 413,
  malformed: 400,
  'too-many-fields': 400,
  invalid: 422,
  conflict: 409,
  refused: 502,
  unavailable: 503,
  misconfigured: 503,
};

/** The answer format: JSON for the form's script and API callers, HTML pages for plain form posts. */
export type ReplyFormat = 'json' | 'html';

function callUs(facts: SiteFacts): string {
  return facts.phone ? `Please call us at ${facts.phone}` : 'Please call us';
}

/** The visitor-facing sentence for each failure. "NOT sent" wherever an inquiry was lost, with the phone number. */
function messageFor(kind: Exclude<OutcomeKind, 'sent' | 'invalid'>, facts: SiteFacts): string {
  switch (kind) {
    case 'wrong-method':
      return 'This address only accepts inquiries sent from the form on our contact page.';
    case 'cross-site':
      return `Your inquiry was NOT sent because it came from another website. Please use the form on our contact page. ${callUs(facts)}.`;
    case 'unsupported-type':
      return 'Your inquiry was NOT sent because it was not in a format we accept. Please use the form on our contact page.';
    case 'too-large':
      return 'Your inquiry was NOT sent because it is too long. Please shorten your message to 2,000 characters or fewer and send it again.';
    case 'malformed':
      return 'Your inquiry was NOT sent because we could not read it. Please send it again from our contact page.';
    case 'too-many-fields':
      return 'Your inquiry was NOT sent because it has far more answers than our form asks for. Please use the form on our contact page.';
    case 'conflict':
      return `Your inquiry was NOT sent: this form was already sent with different answers. Reload the contact page to send a new inquiry, or ${callUs(facts).toLowerCase()}.`;
    case 'refused':
      return `Sorry, your inquiry was NOT sent: our email service refused it. ${callUs(facts)}, or try again later.`;
    case 'unavailable':
      return `Sorry, your inquiry was NOT sent because our email service is not responding. Please try again in a few minutes, or ${callUs(facts).toLowerCase()}.`;
    case 'misconfigured':
      return `Sorry, your inquiry was NOT sent because our contact form is not working right now. ${callUs(facts)}.`;
  }
}

const SENT_MESSAGE = 'Thank you. Your inquiry has been sent, and we will get back to you soon.';
const INVALID_MESSAGE = 'Your inquiry has not been sent yet. Check the answers marked below and send it again.';

function errorPageContent(outcome: Exclude<Outcome, { kind: 'sent' }>, facts: SiteFacts): ErrorPageContent {
  if (outcome.kind === 'invalid') {
    return {
      heading: 'Check your answers',
      lead: 'Your inquiry has not been sent yet. Go back to the form, correct these answers and send it again.',
      problems: Object.values(outcome.errors),
    };
  }
  return {
    heading: outcome.kind === 'wrong-method' ? 'Use the contact form' : 'Your inquiry was not sent',
    lead: 'We are sorry: your inquiry did not reach us.',
    problems: [messageFor(outcome.kind, facts)],
  };
}

/** Turns an outcome into the Response for the caller's format, with status, headers and body. */
export function reply(outcome: Outcome, format: ReplyFormat, facts: SiteFacts): Response {
  const status = STATUS_OF[outcome.kind];
  const extraHeaders: Record<string, string> = outcome.kind === 'wrong-method' ? { Allow: 'POST' } : {};

  if (outcome.kind === 'sent') {
    return format === 'json' ? jsonResponse(status, { ok: true, message: SENT_MESSAGE }) : redirectResponse(THANKS_PAGE_PATH);
  }
  if (format === 'html') return htmlResponse(status, renderErrorPage(errorPageContent(outcome, facts), facts), extraHeaders);
  if (outcome.kind === 'invalid') {
    return jsonResponse(status, { ok: false, message: INVALID_MESSAGE, errors: outcome.errors }, extraHeaders);
  }
  return jsonResponse(status, { ok: false, message: messageFor(outcome.kind, facts), phone: facts.phone }, extraHeaders);
}
