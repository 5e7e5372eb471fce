import { CONTACT_FIELDS } from './fields.ts';
import type { ContactField } from './fields.ts';
import { toHeaderText, toTagValue } from './header-text.ts';
import { escapeHtml } from './html.ts';
import type { Inquiry } from './schema.ts';
import type { OutgoingEmail } from './transport.ts';

/** Subjects longer than this are cut; mail clients show about this much anyway. */
export const SUBJECT_MAX_LENGTH = 150;
/** The visitor's name takes at most this much of the subject. */
const NAME_IN_SUBJECT_MAX_LENGTH = 60;

export interface Envelope {
  /** The verified studio sender. */
  readonly from: string;
  /** The studio inbox or inboxes. */
  readonly to: readonly string[];
  readonly practiceName: string;
}

interface Answer {
  readonly name: string;
  readonly label: string;
  readonly value: string;
}

/** Every field in form order, with human labels and option labels instead of codes. */
function answersOf(inquiry: Inquiry): Answer[] {
  return CONTACT_FIELDS.map((field: ContactField) => {
    const raw = (inquiry as Record<string, unknown>)[field.name];
    let value: string;
    if (field.control === 'checkbox') value = raw === true ? 'Yes' : 'No';
    else if (field.control === 'radio' || field.control === 'select') {
      value = field.options.find((option) => option.value === raw)?.label ?? 'Not answered';
    } else value = typeof raw === 'string' && raw !== '' ? raw : 'Not given';
    return { name: field.name, label: field.shortLabel, value };
  });
}

function settingLabel(inquiry: Inquiry): string {
  const setting = CONTACT_FIELDS.find((field: ContactField) => field.name === 'setting');
  if (!setting || setting.control !== 'radio') return inquiry.setting;
  return setting.options.find((option) => option.value === inquiry.setting)?.label ?? inquiry.setting;
}

/**
 * The subject: who is asking and where, on one line, whatever the visitor typed. Deterministic
 * for the same inquiry, which the idempotency key relies on.
 */
export function renderSubject(inquiry: Inquiry): string {
  const name = toHeaderText(inquiry.name, NAME_IN_SUBJECT_MAX_LENGTH);
  return toHeaderText(`Website inquiry from ${name} (${settingLabel(inquiry)})`, SUBJECT_MAX_LENGTH);
}

export function renderText(inquiry: Inquiry, practiceName: string): string {
  const short = answersOf(inquiry).filter((answer) => answer.name !== 'message');
  return [
    `New inquiry from the contact form on the ${practiceName} website.`,
    'Reply to this email to answer the visitor directly.',
    '',
    ...short.map((answer) => `${answer.label}: ${answer.value}`),
    '',
    'Message:',
    inquiry.message,
    '',
  ].join('\n');
}

export function renderHtml(inquiry: Inquiry, practiceName: string): string {
  const rows = answersOf(inquiry)
    .filter((answer) => answer.name !== 'message')
    .map(
      (answer) =>
        `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(answer.label)}</th>` +
        `<td style="padding:4px 0">${escapeHtml(answer.value)}</td></tr>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Website inquiry</title></head>',
    '<body style="font-family:sans-serif;line-height:1.5">',
    `<p>New inquiry from the contact form on the ${escapeHtml(practiceName)} website. Reply to this email to answer the visitor directly.</p>`,
    `<table>\n${rows}\n</table>`,
    '<h2 style="font-size:1.1em">Message</h2>',
    `<div style="white-space:pre-wrap">${escapeHtml(inquiry.message)}</div>`,
    '</body></html>',
  ].join('\n');
}

/**
 * The whole email for one inquiry. The visitor's address goes only into `replyTo` (already a
 * validated address; sanitized again because it is a header); `from` is always the studio's own.
 */
export function renderInquiryEmail(inquiry: Inquiry, envelope: Envelope): OutgoingEmail {
  return {
    from: envelope.from,
    to: envelope.to,
    replyTo: toHeaderText(inquiry.email, 254),
    subject: renderSubject(inquiry),
    text: renderText(inquiry, envelope.practiceName),
    html: renderHtml(inquiry, envelope.practiceName),
    tags: [
      { name: 'source', value: 'website-contact' },
      { name: 'setting', value: toTagValue(inquiry.setting) },
    ],
  };
}
