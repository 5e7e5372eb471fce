import { createHash } from 'node:crypto';
import { CONTACT_FIELDS, contactField, settingOptions, type ContactField, type FieldOption } from '../../../src/lib/contact/fields.ts';
import type { Inquiry } from './inquiry.ts';

/**
 * The studio's email of one inquiry: the answers under their labels, in plain text and HTML, with
 * visitor text escaped for HTML and made safe for header lines; the idempotency key that lets it be
 * sent at most once; and the .eml file the local outbox writes.
 */

/** What the function sends, as Resend's SDK takes it: `from` is the studio's sender, the visitor only `replyTo`. */
export interface OutgoingEmail {
  readonly from: string; readonly to: string[]; readonly replyTo: string; readonly subject: string; readonly text: string; readonly html: string;
  readonly tags: { name: string; value: string }[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For HTML content and quoted attributes: every piece of visitor input meets HTML through this. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);

/**
 * One safe header line, cut to `maxLength` whole characters: no controls (CR/LF would start a new
 * header), line separators or direction marks, and a typed "=?" cannot start an RFC 2047 encoded word.
 */
function headerText(text: string, maxLength: number): string {
  const line = text.toWellFormed().replace(/[\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, ' ').replaceAll('=?', '= ?').replace(/\s+/g, ' ').trim();
  const characters = Array.from(line);
  return characters.length <= maxLength ? line : `${characters.slice(0, maxLength - 1).join('').trimEnd()}…`;
}

/** An answer in words: option labels instead of codes (a setting missing from the locations shows its id). */
function answerText(field: ContactField, answer: unknown, locations: readonly FieldOption[]): string {
  if (field.control === 'checkbox') return answer === true ? 'Yes' : 'No';
  if (field.control === 'radio' || field.control === 'select') {
    const options = field.name === 'setting' ? settingOptions(locations) : field.options;
    return options.find((option) => option.value === answer)?.label ?? (typeof answer === 'string' ? answer : 'Not answered');
  }
  return typeof answer === 'string' && answer !== '' ? answer : 'Not given';
}

interface Envelope { readonly from: string; readonly to: string[]; readonly practiceName: string; readonly locations: readonly FieldOption[] }

/** The same email every time for the same inquiry, as the idempotency key relies on it. */
export function renderInquiryEmail(inquiry: Inquiry, { from, to, practiceName, locations }: Envelope): OutgoingEmail {
  const answers = CONTACT_FIELDS.map((field: ContactField) => ({ name: field.name, label: field.shortLabel, value: answerText(field, (inquiry as Record<string, unknown>)[field.name], locations) }));
  const short = answers.filter((answer) => answer.name !== 'message');
  const setting = answers.find((answer) => answer.name === 'setting')?.value;
  // A Good Faith Estimate request starts the subject, before anything typed, so a name cannot pass for it.
  const estimate = inquiry.estimate ? `${contactField('estimate').shortLabel} — ` : '';
  const intro = `New inquiry from the contact form on the ${practiceName} website.`;
  const row = ({ label, value }: { label: string; value: string }) =>
    `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`;
  return {
    from,
    to,
    replyTo: headerText(inquiry.email, 254),
    subject: estimate + headerText(`Website inquiry from ${headerText(inquiry.name, 60)} (${setting})`, 150 - estimate.length),
    text: [intro, 'Reply to this email to answer the visitor directly.', '', ...short.map((answer) => `${answer.label}: ${answer.value}`), '', 'Message:', inquiry.message, ''].join('\n'),
    html: [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8"><title>Website inquiry</title></head>',
      '<body style="font-family:sans-serif;line-height:1.5">',
      `<p>${escapeHtml(intro)} Reply to this email to answer the visitor directly.</p>`,
      `<table>\n${short.map(row).join('\n')}\n</table>`,
      '<h2 style="font-size:1.1em">Message</h2>',
      `<div style="white-space:pre-wrap">${escapeHtml(inquiry.message)}</div>`,
      '</body></html>',
    ].join('\n'),
    // Resend's tag values allow ASCII letters, digits, _ and - only.
    tags: [{ name: 'source', value: 'website-contact' }, { name: 'setting', value: inquiry.setting.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || 'none' }],
  };
}

/**
 * At most once per inquiry, at Resend and in the outbox: a hash of the email as sent and the
 * script's `submissionId`. A double submit sends nothing new; a corrected CONTACT_TO sends anew.
 */
export const idempotencyKeyFor = (email: OutgoingEmail, submissionId: string | undefined): string =>
  `contact-${createHash('sha256').update(JSON.stringify([submissionId ?? null, email])).digest('hex')}`;

/** A header value as RFC 2047 asks: ASCII as it is, anything else as UTF-8 encoded words of whole characters. */
function encodeHeader(value: string): string {
  if (/^[\x20-\x7E]*$/.test(value)) return value;
  const words = [''];
  for (const character of value) {
    if (Buffer.byteLength(words.at(-1) + character) > 45) words.push('');
    words[words.length - 1] += character;
  }
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join('\n ');
}

/** The email as a mail client opens it: the plain text, then the HTML, as Resend sends them. */
export function toEml(email: OutgoingEmail, idempotencyKey: string, date: Date): string {
  const header = (name: string, value: string) => `${name}: ${headerText(value, 998)}`;
  // A hash of both bodies cannot occur in them.
  const boundary = `=_outbox_${createHash('sha256').update(`${email.text}\n${email.html}`).digest('hex').slice(0, 32)}`;
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit', '', body];
  return [
    header('Date', date.toUTCString()),
    header('From', email.from),
    header('To', email.to.join(', ')),
    header('Reply-To', email.replyTo),
    `Subject: ${encodeHeader(headerText(email.subject, 998))}`,
    header('Idempotency-Key', idempotencyKey),
    header('X-Tags', email.tags.map((tag) => `${tag.name}=${tag.value}`).join('; ')),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    ...part('text/plain', email.text),
    ...part('text/html', email.html),
    `--${boundary}--`,
    '',
  ].join('\n');
}
