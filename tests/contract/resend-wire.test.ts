import { expect, test, vi } from 'vitest';
import { SUBMISSION_ID, VALID_INQUIRY, formRequest, jsonRequest, useContactFunction } from '../unit/contact/fixtures.ts';

/** The real Resend SDK against the local stand-in: what actually goes over the wire. */

const { post, standIn } = useContactFunction();

test('one POST /emails with the API key, an idempotency key and every field Resend needs, to the studio only', async () => {
  vi.stubEnv('CONTACT_TO', 'studio@example.com, owner@example.com');
  vi.stubEnv('CONTACT_FROM', 'Pure Progression website <website@example.com>');
  expect((await post(jsonRequest({ ...VALID_INQUIRY, submissionId: SUBMISSION_ID }))).status).toBe(200);

  expect(standIn().requests).toHaveLength(1);
  const [request] = standIn().requests;
  expect(request).toMatchObject({ method: 'POST', path: '/emails' });
  expect(request?.headers).toMatchObject({ authorization: `Bearer ${process.env.RESEND_API_KEY}`, 'content-type': 'application/json', 'idempotency-key': expect.stringMatching(/^contact-[0-9a-f]{64}$/) });
  const body = request?.body as Record<string, string>;
  expect(Object.keys(body).sort()).toEqual(['from', 'html', 'reply_to', 'subject', 'tags', 'text', 'to']);
  expect(body).toMatchObject({
    from: 'Pure Progression website <website@example.com>',
    to: ['studio@example.com', 'owner@example.com'],
    reply_to: 'test@example.com',
    subject: 'Website inquiry from Test Parent (In your home)',
    tags: [{ name: 'source', value: 'website-contact' }, { name: 'setting', value: 'in-home' }],
  });
  expect(body.text).toContain('Age group: Child (6 to 12)');
  expect(body.text).toContain('We would like to hear about sessions for our son.');
  expect(body.html).toContain('<th scope="row"');
});

test('after the studio corrects a mistyped CONTACT_TO, the same answers are sent again, to the right inbox', async () => {
  const postForm = () => post(formRequest({ ...VALID_INQUIRY }));
  vi.stubEnv('CONTACT_TO', 'studio@exmaple.com');
  expect((await postForm()).status).toBe(303);
  vi.stubEnv('CONTACT_TO', 'studio@example.com');
  expect((await postForm()).status).toBe(303);
  // A real double submit (Back, then send again) still sends once.
  expect((await postForm()).status).toBe(303);

  expect(standIn().deliveries.map((delivery) => delivery.email.to)).toEqual([['studio@exmaple.com'], ['studio@example.com']]);
  expect(standIn().requests.map((request) => request.answer)).toEqual(['accept', 'accept', 'duplicate']);
});
