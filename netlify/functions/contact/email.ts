import { createHash } from 'node:crypto';
import type { Tag } from 'resend';
import { CONTACT_FIELDS, contactField, settingOptions } from '../../../src/lib/contact/fields.ts';
import type { ContactField, FieldOption } from '../../../src/lib/contact/fields.ts';
import { telHref } from '../../../src/lib/format.ts';
import { CONFIRMATION_PLACEHOLDERS } from '../../../src/lib/site-settings.ts';
import type { SiteSettings } from '../../../src/lib/site-settings.ts';
import type { Inquiry } from './inquiry.ts';

/**
 * The two emails of one inquiry: the studio's (what the visitor wrote, in plain text and HTML, with
 * human labels) and the visitor's confirmation (the owner's words only); how visitor text is made
 * safe for HTML and for header lines; and the idempotency keys that let each be sent at most once.
 */

/** What the function hands to a transport: everything already rendered, sanitized and escaped. */
export interface OutgoingEmail {
  /** The verified studio sender (CONTACT_FROM). Never visitor input. */
  readonly from: string;
  /** The studio inbox or inboxes (CONTACT_TO). */
  readonly to: readonly string[];
  /** The visitor's address, so the studio can simply press Reply. */
  readonly replyTo: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly tags: readonly Tag[];
}

/** Who sends the email to whom, for which practice, and the locations as setting choices (locations.ts): a setting not among them shows its id. */
type Envelope = Pick<OutgoingEmail, 'from' | 'to'> & { readonly practiceName: string; readonly locations: readonly FieldOption[] };

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

/**
 * Characters that must never reach an email header: control characters (CR and LF above all,
 * which would start a new header), Unicode line/paragraph separators, and the invisible
 * direction overrides that can make a subject read differently from what it says.
 */
const UNSAFE_IN_HEADER = /[\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * `=?` starts an RFC 2047 encoded word, which mail clients decode: a name typed as
 * `=?utf-8?B?…?=` would show as whatever it encodes. A space after the `=` keeps it literal text.
 */
const ENCODED_WORD_START = /=\?/g;

/**
 * Makes text safe for one header line: unsafe characters become spaces, runs of whitespace
 * collapse, encoded-word openings are broken up, and the result is cut to `maxLength` characters
 * (whole code points, ending in "…").
 */
export function toHeaderText(text: string, maxLength: number): string {
  const oneLine = text.toWellFormed().replace(UNSAFE_IN_HEADER, ' ').replace(ENCODED_WORD_START, '= ?').replace(/\s+/g, ' ').trim();
  const characters = Array.from(oneLine);
  if (characters.length <= maxLength) return oneLine;
  return `${characters.slice(0, Math.max(0, maxLength - 1)).join('').trimEnd()}…`;
}

/** Resend tag values allow only ASCII letters, digits, underscores and dashes (256 at most). */
export function toTagValue(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || 'none';
}

/** Subjects longer than this are cut; mail clients show about this much anyway. */
export const SUBJECT_MAX_LENGTH = 150;
/** The visitor's name takes at most this much of the subject. */
const NAME_IN_SUBJECT_MAX_LENGTH = 60;

/** Every field in form order, with human labels, and option labels instead of codes. */
function answersOf(inquiry: Inquiry, locations: readonly FieldOption[]) {
  return CONTACT_FIELDS.map((field: ContactField) => {
    const raw = (inquiry as Record<string, unknown>)[field.name];
    let value: string;
    if (field.control === 'checkbox') value = raw === true ? 'Yes' : 'No';
    else if (field.control === 'radio' || field.control === 'select') {
      const options = field.name === 'setting' ? settingOptions(locations) : field.options;
      value = options.find((option) => option.value === raw)?.label ?? (typeof raw === 'string' ? raw : 'Not answered');
    } else value = typeof raw === 'string' && raw !== '' ? raw : 'Not given';
    return { name: field.name, label: field.shortLabel, value };
  });
}

/**
 * What starts the subject when the visitor asks for a Good Faith Estimate: the box's short label.
 * First, before anything the visitor typed, so a name cannot pass for it, and never cut.
 */
const ESTIMATE_IN_SUBJECT = `${contactField('estimate').shortLabel} — `;

function render(inquiry: Inquiry, envelope: Envelope): { subject: string; text: string; html: string } {
  const answers = answersOf(inquiry, envelope.locations);
  const short = answers.filter((answer) => answer.name !== 'message');
  const setting = answers.find((answer) => answer.name === 'setting')?.value ?? '';
  const name = toHeaderText(inquiry.name, NAME_IN_SUBJECT_MAX_LENGTH);
  const estimate = inquiry.estimate ? ESTIMATE_IN_SUBJECT : '';
  const intro = `New inquiry from the contact form on the ${envelope.practiceName} website.`;
  const rows = short.map(
    (answer) =>
      `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(answer.label)}</th>` +
      `<td style="padding:4px 0">${escapeHtml(answer.value)}</td></tr>`,
  );
  return {
    // Who is asking and where, on one line, whatever the visitor typed.
    subject: estimate + toHeaderText(`Website inquiry from ${name} (${setting})`, SUBJECT_MAX_LENGTH - estimate.length),
    text: [
      intro,
      'Reply to this email to answer the visitor directly.',
      '',
      ...short.map((answer) => `${answer.label}: ${answer.value}`),
      '',
      'Message:',
      inquiry.message,
      '',
    ].join('\n'),
    html: [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8"><title>Website inquiry</title></head>',
      '<body style="font-family:sans-serif;line-height:1.5">',
      `<p>${escapeHtml(intro)} Reply to this email to answer the visitor directly.</p>`,
      `<table>\n${rows.join('\n')}\n</table>`,
      '<h2 style="font-size:1.1em">Message</h2>',
      `<div style="white-space:pre-wrap">${escapeHtml(inquiry.message)}</div>`,
      '</body></html>',
    ].join('\n'),
  };
}

/**
 * The whole email for one inquiry, the same every time for the same inquiry (the idempotency key
 * relies on it). The visitor's address goes only into `replyTo` (already a validated address;
 * sanitized again because it is a header); `from` is always the studio's own.
 */
export function renderInquiryEmail(inquiry: Inquiry, envelope: Envelope): OutgoingEmail {
  return {
    from: envelope.from,
    to: envelope.to,
    replyTo: toHeaderText(inquiry.email, 254),
    ...render(inquiry, envelope),
    tags: [
      { name: 'source', value: 'website-contact' },
      { name: 'setting', value: toTagValue(inquiry.setting) },
    ],
  };
}

/**
 * The key that makes "send" happen at most once per inquiry, at Resend (which keeps keys 24 hours)
 * and in the local outbox: a SHA-256 of the whole email as it will be sent (sender, inboxes,
 * subject, both bodies, tags), plus the form script's per-inquiry `submissionId` when there is one.
 *
 * - A double click, a retry after a network error, or a re-post without JavaScript (Back and send
 *   again) renders the same email and sends nothing new.
 * - Anything that changes the email changes the key. Above all a corrected configuration: after the
 *   studio fixes a mistyped CONTACT_TO, the same answers go out again to the right inbox, where a
 *   key from the answers alone would meet Resend's "same key, different payload" (409) for 24 hours.
 * - With the script, two inquiries with identical answers sent on purpose (a new id each) both arrive.
 */
export function idempotencyKeyFor(email: OutgoingEmail, submissionId: string | undefined): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([submissionId ?? null, email]))
    .digest('hex');
  return `contact-${digest}`;
}

/** The confirmation's words (settings.json): the owner's text, and the facts it may name. */
export type ConfirmationWords = Pick<SiteSettings, 'confirmationEmail' | (typeof CONFIRMATION_PLACEHOLDERS)[number]>;

/** `{practiceName}` and the like; split() keeps the captured name at every odd index. */
const PLACEHOLDER = new RegExp(`\\{(${CONFIRMATION_PLACEHOLDERS.join('|')})\\}`);

/** Text with its placeholders replaced by `value`, and the text around them passed through `literal`. */
function fill(text: string, value: (name: (typeof CONFIRMATION_PLACEHOLDERS)[number]) => string, literal: (text: string) => string = (part) => part): string {
  return text
    .split(PLACEHOLDER)
    .map((part, index) => (index % 2 === 1 ? value(part as (typeof CONFIRMATION_PLACEHOLDERS)[number]) : literal(part)))
    .join('');
}

/**
 * The visitor's confirmation: the owner's words (`confirmationEmail` in settings.json) with
 * {practiceName}, {replyTime}, {phone} and {email} filled in from the settings, and nothing the
 * visitor typed, not even their name. So the form cannot carry words of someone's choosing to
 * another person's address, and an address gets the very same email all day long, which its key
 * (`confirmationKeyFor`) relies on. From the studio's sender, to the visitor's checked address,
 * with replies going to the studio inbox.
 */
export function renderConfirmationEmail(words: ConfirmationWords, envelope: { readonly from: string; readonly to: string; readonly replyTo: string }): OutgoingEmail {
  const { subject, paragraphs } = words.confirmationEmail;
  const plain = (text: string) => fill(text, (name) => words[name]);
  const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
  const html = (text: string) =>
    fill(text, (name) => (name === 'phone' ? link(telHref(words.phone), words.phone) : name === 'email' ? link(`mailto:${words.email}`, words.email) : escapeHtml(words[name])), escapeHtml);
  return {
    from: envelope.from,
    to: [toHeaderText(envelope.to, 254)],
    replyTo: envelope.replyTo,
    subject: toHeaderText(plain(subject), SUBJECT_MAX_LENGTH),
    text: `${paragraphs.map(plain).join('\n\n')}\n`,
    html: [
      '<!doctype html>',
      `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(plain(subject))}</title></head>`,
      '<body style="font-family:sans-serif;line-height:1.5">',
      ...paragraphs.map((paragraph) => `<p>${html(paragraph)}</p>`),
      '</body></html>',
    ].join('\n'),
    tags: [{ name: 'source', value: 'website-confirmation' }],
  };
}

/**
 * The mailbox an address reaches, however it is spelled: letter case, a "+tag" and, at Gmail, dots
 * and the googlemail.com domain do not make another, so they cannot buy another confirmation.
 */
export function mailboxOf(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1).trim().toLowerCase();
  const local = address.slice(0, at).trim().toLowerCase().split('+')[0] ?? '';
  const gmail = domain === 'gmail.com' || domain === 'googlemail.com';
  return gmail ? `${local.replaceAll('.', '')}@gmail.com` : `${local}@${domain}`;
}

/**
 * The confirmation's idempotency key: one per mailbox (`mailboxOf`) per day (UTC). However many
 * inquiries name it in a day, Resend (which keeps keys 24 hours) and the local outbox send it one
 * confirmation; a repeat is answered as already sent (or, spelled differently, 409: also one sent).
 * A hash, so no address appears in a key, a file name or a log.
 */
export function confirmationKeyFor(address: string, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return `confirmation-${createHash('sha256').update(`${mailboxOf(address)}\n${day}`).digest('hex')}`;
}
