import { createHash } from 'node:crypto';
import type { Tag } from 'resend';
import { CONTACT_FIELDS, contactField, settingOptions } from '../../../src/lib/contact/fields.ts';
import type { ContactField, FieldOption } from '../../../src/lib/contact/fields.ts';
import type { Inquiry } from './inquiry.ts';

/**
 * The studio's email of one inquiry (what the visitor wrote, in plain text and HTML, with human
 * labels), how visitor text is made safe for HTML and for header lines, the idempotency key that
 * lets it be sent at most once, and the .eml file the local outbox writes.
 */

/** What the function sends: everything already rendered, sanitized and escaped. */
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

/** For HTML content and quoted attributes: every piece of visitor input meets HTML through this. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Never in a header: controls (CR/LF would start a new one), line separators, direction overrides. */
const UNSAFE_IN_HEADER = /[\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** `=?` starts an RFC 2047 encoded word, which mail clients decode: a space keeps a typed one literal. */
const ENCODED_WORD_START = /=\?/g;

/** Text safe for one header line, cut to `maxLength` whole characters (ending in "…"). */
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

/** A Good Faith Estimate request starts the subject, before anything typed, so a name cannot pass for it. */
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

/** The same email every time for the same inquiry (the key relies on it); the visitor only in `replyTo`. */
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
 * At most once per inquiry, at Resend and in the outbox: a hash of the whole email as sent and the
 * script's `submissionId`. A double submit sends nothing new; a corrected CONTACT_TO sends anew
 * (a key from the answers alone would meet Resend's 409 for 24 hours).
 */
export function idempotencyKeyFor(email: OutgoingEmail, submissionId: string | undefined): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([submissionId ?? null, email]))
    .digest('hex');
  return `contact-${digest}`;
}

/** A header value as RFC 2047 asks: ASCII as it is, anything else as UTF-8 encoded words. */
function encodeHeader(value: string): string {
  if (/^[\x20-\x7E]*$/.test(value)) return value;
  // Whole characters per word, each word within the 75 characters a line of them may take.
  const words: string[] = [];
  let word = '';
  for (const character of value) {
    if (Buffer.byteLength(word + character) > 45) words.push(word), (word = '');
    word += character;
  }
  words.push(word);
  return words.map((part) => `=?UTF-8?B?${Buffer.from(part).toString('base64')}?=`).join('\n ');
}

/** The email as a mail client opens it: the plain text, then the HTML, as Resend sends them. */
export function toEml(email: OutgoingEmail, idempotencyKey: string, date: Date): string {
  const header = (name: string, value: string) => `${name}: ${toHeaderText(value, 998)}`;
  // A hash of both bodies cannot occur in them, and the same email always renders the same file.
  const boundary = `=_outbox_${createHash('sha256').update(`${email.text}\n${email.html}`).digest('hex').slice(0, 32)}`;
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit', '', body];
  return [
    header('Date', date.toUTCString()),
    header('From', email.from),
    header('To', email.to.join(', ')),
    header('Reply-To', email.replyTo),
    `Subject: ${encodeHeader(toHeaderText(email.subject, 998))}`,
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
