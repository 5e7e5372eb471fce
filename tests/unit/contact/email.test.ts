import { describe, expect, test } from 'vitest';
import { escapeHtml, idempotencyKeyFor, renderInquiryEmail } from '../../../netlify/functions/contact/email.ts';
import { inquirySchema } from '../../../netlify/functions/contact/inquiry.ts';
import type { Inquiry } from '../../../netlify/functions/contact/inquiry.ts';
import { LOCATIONS, SUBMISSION_ID, VALID_INQUIRY } from './fixtures.ts';

/** The email to the studio: safe text, human labels, one key per email. */

const ENVELOPE = { from: 'Website <website@example.com>', to: ['studio@example.com'], practiceName: 'Test Music Therapy', locations: LOCATIONS };
const SUBJECT_MAX_LENGTH = 150;
const schema = inquirySchema(LOCATIONS.map((location) => location.value));

function inquiry(changes: Record<string, unknown> = {}): Inquiry {
  return schema.parse({ ...VALID_INQUIRY, ...changes });
}

describe('escapeHtml', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"quoted" & \'single\'', '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['&amp; already escaped', '&amp;amp; already escaped'],
    ['plain text', 'plain text'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('the subject is one safe header line, whatever reaches it', () => {
  // Bypasses the schema on purpose: the subject must be safe even for text that slipped past it.
  const subjectFor = (name: string) => renderInquiryEmail({ ...inquiry(), name }, ENVELOPE).subject.replace(/^Website inquiry from | \(In your home\)$/g, '');
  test.each([
    ['CR LF injection', 'Hi\r\nBcc: victim@example.com', 'Hi Bcc: victim@example.com'],
    ['bare LF', 'a\nb', 'a b'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'a b c'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['NEL (C1 control)', 'a\u0085b', 'a b'],
    ['right-to-left override', 'invoice\u202Etxt.exe', 'invoice txt.exe'],
    ['tabs and runs of spaces', ' a\t\t b  ', 'a b'],
    ['an encoded word', '=?utf-8?B?RnJlZQ==?=', '= ?utf-8?B?RnJlZQ== ?='],
  ])('%s', (_label, input, expected) => {
    expect(subjectFor(input)).toBe(expected);
  });

  test('a long name is cut at whole characters, and the cut marked', () => {
    const cut = subjectFor('😀'.repeat(100));
    expect(Array.from(cut)).toHaveLength(60);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe('the setting tag holds only what Resend accepts', () => {
  test.each([
    ['in-home', 'in-home'],
    ['in home', 'in_home'],
    ['über', '_ber'],
    ['', 'none'],
  ])('%s → %s', (setting, expected) => {
    expect(renderInquiryEmail({ ...inquiry(), setting }, ENVELOPE).tags).toEqual([{ name: 'source', value: 'website-contact' }, { name: 'setting', value: expected }]);
  });
});

describe('renderInquiryEmail', () => {
  test('the subject names the visitor and the setting', () => {
    expect(renderInquiryEmail(inquiry(), ENVELOPE).subject).toBe('Website inquiry from Test Parent (In your home)');
  });

  test.each([
    ['a location, by its label', 'studio', 'At our studio in Lehi'],
    ['"not sure"', 'not-sure', 'Not sure yet'],
    ['a setting missing from the locations, by its id', 'hospital', 'hospital'],
  ])('the setting: %s', (_label, setting, shown) => {
    const email = renderInquiryEmail({ ...inquiry(), setting }, ENVELOPE);
    expect(email.subject).toBe(`Website inquiry from Test Parent (${shown})`);
    expect(email.text).toContain(`Setting: ${shown}\n`);
    expect(email.html).toContain(`<td style="padding:4px 0">${shown}</td>`);
  });

  test('no visitor input can break the subject out of its line, and it is capped', () => {
    // The schema refuses line breaks in names; the subject is safe even for text that slipped past it.
    const hostile = { ...inquiry(), name: `Evil\r\nBcc: victim@example.com\u2028${'x'.repeat(500)}` };
    const { subject } = renderInquiryEmail(hostile, ENVELOPE);
    expect(subject).not.toMatch(/[\r\n\u2028]/);
    expect(Array.from(subject).length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
  });

  test('a Good Faith Estimate request starts the subject, before anything the visitor typed, is never cut, and shows in the body', () => {
    const email = renderInquiryEmail(inquiry({ estimate: 'yes' }), ENVELOPE);
    expect(email.subject).toBe('Good Faith Estimate requested — Website inquiry from Test Parent (In your home)');
    expect(email.text).toContain('Good Faith Estimate requested: Yes\n');
    expect(email.html).toContain('<td style="padding:4px 0">Yes</td>');
    // The longest name and setting label there can be: the request is never the part cut off.
    const long = renderInquiryEmail(inquiry({ estimate: 'yes', name: 'N'.repeat(100) }), { ...ENVELOPE, locations: [{ value: 'in-home', label: 'L'.repeat(60) }] });
    expect(long.subject.startsWith('Good Faith Estimate requested — Website inquiry from NNN')).toBe(true);
    expect(long.subject.endsWith('…')).toBe(true);
    // Unticked, a name that says it cannot start the subject.
    expect(renderInquiryEmail(inquiry({ name: 'Good Faith Estimate requested' }), ENVELOPE).subject).toMatch(/^Website inquiry from /);
    expect(Array.from(long.subject).length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
    expect(renderInquiryEmail(inquiry(), ENVELOPE).text).toContain('Good Faith Estimate requested: No\n');
  });

  test('the visitor is Reply-To only; From is always the studio', () => {
    const email = renderInquiryEmail(inquiry({ email: 'someone@example.org' }), ENVELOPE);
    expect(email.from).toBe('Website <website@example.com>');
    expect(email.replyTo).toBe('someone@example.org');
    expect(email.to).toEqual(['studio@example.com']);
  });

  test('the text body lists every field with human labels and option labels', () => {
    const { text } = renderInquiryEmail(inquiry(), ENVELOPE);
    expect(text).toMatchInlineSnapshot(`
      "New inquiry from the contact form on the Test Music Therapy website.
      Reply to this email to answer the visitor directly.

      Name: Test Parent
      Email: test@example.com
      Phone: (801) 555-0123
      Preferred contact: Email
      Asking for: My child or a family member
      Age group: Child (6 to 12)
      Setting: In your home
      Good Faith Estimate requested: No
      Not for medical details or emergencies: Yes

      Message:
      We would like to hear about sessions for our son.
      Afternoons suit us best.
      "
    `);
  });

  test('unanswered optional questions say so instead of leaving a gap', () => {
    const { text } = renderInquiryEmail(
      schema.parse({ name: 'Test Parent', email: 'test@example.com', message: 'Hello', consent: 'yes' }),
      ENVELOPE,
    );
    expect(text).toContain('Phone: Not given');
    expect(text).toContain('Asking for: Not answered');
    expect(text).toContain('Setting: Not sure yet');
  });

  test('visitor text is escaped in the HTML body', () => {
    const { html } = renderInquiryEmail(
      inquiry({ name: '<b>Test</b> "Parent"', message: '<script>alert("x")</script>\n<img src=x onerror=alert(1)>' }),
      ENVELOPE,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Test');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Test&lt;/b&gt; &quot;Parent&quot;');
  });

  test('the HTML body has every label and answer', () => {
    const { html } = renderInquiryEmail(inquiry(), ENVELOPE);
    for (const text of ['Name', 'Test Parent', 'Email', 'test@example.com', 'Phone', '(801) 555-0123', 'Age group', 'Child (6 to 12)', 'Setting', 'In your home', 'Message']) {
      expect(html).toContain(text);
    }
  });

  test('the same inquiry always renders the same email (idempotency keys depend on it)', () => {
    expect(renderInquiryEmail(inquiry(), ENVELOPE)).toEqual(renderInquiryEmail(inquiry(), ENVELOPE));
  });
});

describe('idempotencyKeyFor', () => {
  function keyOf(changes: Record<string, unknown> = {}, envelope: Partial<typeof ENVELOPE> = {}) {
    const inquiry = schema.parse({ ...VALID_INQUIRY, ...changes });
    return idempotencyKeyFor(renderInquiryEmail(inquiry, { ...ENVELOPE, ...envelope }), inquiry.submissionId);
  }

  test('the same post twice gives the same key, with or without the script', () => {
    expect(keyOf()).toMatch(/^contact-[0-9a-f]{64}$/);
    expect(keyOf({ name: '  Test Parent  ' })).toBe(keyOf()); // trimmed by the schema first
    expect(keyOf({ submissionId: SUBMISSION_ID })).toBe(keyOf({ submissionId: SUBMISSION_ID }));
  });

  test.each([
    ['another message', { message: 'Something else' }, {}],
    ['another email', { email: 'other@example.com' }, {}],
    ['another setting', { setting: 'school' }, {}],
    ['a phone added', { phone: '801 555 0199' }, {}],
    ["the script's id for a new inquiry", { submissionId: SUBMISSION_ID }, {}],
    ['a corrected studio inbox', {}, { to: ['studio@example.org'] }],
    ['another sender', {}, { from: 'Studio <hello@example.com>' }],
    ['a renamed practice', {}, { practiceName: 'Other Music Therapy' }],
    ['a relabelled location', {}, { locations: [{ value: 'in-home', label: 'At home' }] }],
  ])('anything that changes the email changes the key: %s', (_label, changes, envelope) => {
    expect(keyOf(changes, envelope)).not.toBe(keyOf());
  });
});
