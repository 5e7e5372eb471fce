import { describe, expect, test } from 'vitest';
import {
  SUBJECT_MAX_LENGTH,
  confirmationKeyFor,
  mailboxOf,
  escapeHtml,
  idempotencyKeyFor,
  renderConfirmationEmail,
  renderInquiryEmail,
  toHeaderText,
  toTagValue,
} from '../../../netlify/functions/contact/email.ts';
import { inquirySchema } from '../../../netlify/functions/contact/inquiry.ts';
import type { Inquiry } from '../../../netlify/functions/contact/inquiry.ts';
import { CONFIRMING_FACTS, FIXED_NOW, LOCATIONS, SUBMISSION_ID, VALID_INQUIRY } from './fixtures.ts';

/** The email to the studio: safe text, human labels, one key per email. The visitor's confirmation: our words only, one key per address a day. */

const ENVELOPE = { from: 'Website <website@example.com>', to: ['studio@example.com'], practiceName: 'Test Music Therapy', locations: LOCATIONS };
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

describe('toHeaderText keeps every header on one safe line', () => {
  test.each([
    ['CR LF injection', 'Hi\r\nBcc: victim@example.com', 'Hi Bcc: victim@example.com'],
    ['bare LF', 'a\nb', 'a b'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'a b c'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['NEL (C1 control)', 'a\u0085b', 'a b'],
    ['right-to-left override', 'invoice\u202Etxt.exe', 'invoice txt.exe'],
    ['tabs and runs of spaces', ' a\t\t b  ', 'a b'],
  ])('%s', (_label, input, expected) => {
    expect(toHeaderText(input, 200)).toBe(expected);
  });

  test('cuts long text at whole characters and marks the cut', () => {
    const cut = toHeaderText('😀'.repeat(30), 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone surrogate
  });
});

describe('toTagValue', () => {
  test.each([
    ['website-contact', 'website-contact'],
    ['in home', 'in_home'],
    ['über', '_ber'],
    ['', 'none'],
  ])('%s → %s', (input, expected) => {
    expect(toTagValue(input)).toBe(expected);
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

  test('tags name the source and setting with values Resend accepts', () => {
    const { tags } = renderInquiryEmail(inquiry(), ENVELOPE);
    expect(tags).toEqual([
      { name: 'source', value: 'website-contact' },
      { name: 'setting', value: 'in-home' },
    ]);
    for (const tag of tags) expect(tag.value).toMatch(/^[A-Za-z0-9_-]+$/);
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

describe('renderConfirmationEmail', () => {
  const envelope = { from: 'Website <website@example.com>', to: 'test@example.com', replyTo: 'studio@example.com' };

  test("the owner's words, with the practice's facts filled in, as text and as HTML", () => {
    const email = renderConfirmationEmail(CONFIRMING_FACTS, envelope);
    expect(email).toMatchObject({
      from: 'Website <website@example.com>',
      to: ['test@example.com'],
      replyTo: 'studio@example.com',
      subject: 'We received your inquiry – Test Music Therapy',
      tags: [{ name: 'source', value: 'website-confirmation' }],
    });
    expect(email.text).toMatchInlineSnapshot(`
      "Thank you for writing to Test Music Therapy.

      We reply within one business day. To talk sooner, call (801) 555-0142 or email hello@testpractice.example.

      This email is not for emergencies: call 911.
      "
    `);
    expect(email.html).toContain(
      '<p>We reply within one business day. To talk sooner, call <a href="tel:+18015550142">(801) 555-0142</a> or email <a href="mailto:hello@testpractice.example">hello@testpractice.example</a>.</p>',
    );
  });

  test("the owner's words are escaped in the HTML, and a brace that is not a placeholder stays as written", () => {
    const words = { ...CONFIRMING_FACTS, practiceName: 'Smith & <Jones>', confirmationEmail: { ...CONFIRMING_FACTS.confirmationEmail, paragraphs: ['{practiceName} {not one}'] } };
    const email = renderConfirmationEmail(words, envelope);
    expect(email.html).toContain('<p>Smith &amp; &lt;Jones&gt; {not one}</p>');
    expect(email.text).toBe('Smith & <Jones> {not one}\n');
  });

  test('it depends on the address alone among what the visitor sent: nothing typed can reach it', () => {
    // Its signature has no place for an inquiry; the same address gets the same email (the key relies on it).
    expect(renderConfirmationEmail(CONFIRMING_FACTS, envelope)).toEqual(renderConfirmationEmail(CONFIRMING_FACTS, { ...envelope }));
    expect(renderConfirmationEmail(CONFIRMING_FACTS, { ...envelope, to: 'x@example.com\r\nBcc: victim@example.com' }).to).toEqual(['x@example.com Bcc: victim@example.com']);
  });
});

describe('confirmationKeyFor', () => {
  const key = (address: string, now = FIXED_NOW) => confirmationKeyFor(address, now);

  test('one key per address a day (UTC), letter case aside, with no address in it', () => {
    expect(key('test@example.com')).toMatch(/^confirmation-[0-9a-f]{64}$/);
    expect(key('Test@Example.COM')).toBe(key('test@example.com'));
    expect(key('test@example.com', new Date('2026-11-27T23:59:59Z'))).toBe(key('test@example.com', new Date('2026-11-27T00:00:00Z')));
    expect(key('test@example.com', new Date('2026-11-28T00:00:00Z'))).not.toBe(key('test@example.com'));
    expect(key('other@example.com')).not.toBe(key('test@example.com'));
    expect(key('test@example.com')).not.toContain('example');
  });

  test('one mailbox, however it is spelled: a +tag, and at Gmail its dots and googlemail.com, make no other key', () => {
    expect(mailboxOf(' Ann.Lee+News@Example.COM ')).toBe('ann.lee@example.com');
    expect(mailboxOf('a.n.n+x@googlemail.com')).toBe('ann@gmail.com');
    expect(key('victim+1@gmail.com')).toBe(key('victim@gmail.com'));
    expect(key('v.i.c.t.i.m@googlemail.com')).toBe(key('victim@gmail.com'));
    // Dots are significant elsewhere, and other domains are other mailboxes.
    expect(key('v.ictim@example.com')).not.toBe(key('victim@example.com'));
    expect(key('victim@gmail.co')).not.toBe(key('victim@gmail.com'));
  });
});
