import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createOutboxTransport } from '../../../src/lib/contact/outbox-transport.ts';
import type { OutgoingEmail } from '../../../src/lib/contact/transport.ts';
import { FIXED_NOW } from './fixtures.ts';

const EMAIL: OutgoingEmail = {
  from: 'Website <website@example.com>',
  to: ['studio@example.com', 'owner@example.com'],
  replyTo: 'test@example.com',
  subject: 'Website inquiry from Test Parent (In your home)',
  text: 'New inquiry\n\nMessage:\nHello there',
  html: '<p>Hello there</p>',
  tags: [{ name: 'source', value: 'website-contact' }],
};
const KEY = 'contact-0b3a6f2e-8a51-4c1e-9d3f-6a2b1c0d9e8f';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const emlFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.eml'));

test('writes one readable .eml file: headers, then the text and the HTML as alternatives', async () => {
  const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
  const result = await outbox.send(EMAIL, KEY);
  const file = `2026-11-27T10-00-00Z-${KEY}.eml`;
  expect(result).toEqual({ ok: true, messageId: file, attempts: 1, savedTo: join(dir, file) });
  expect(await readFile(join(dir, file), 'utf8')).toMatchInlineSnapshot(`
    "Date: Fri, 27 Nov 2026 10:00:00 GMT
    From: Website <website@example.com>
    To: studio@example.com, owner@example.com
    Reply-To: test@example.com
    Subject: Website inquiry from Test Parent (In your home)
    Idempotency-Key: contact-0b3a6f2e-8a51-4c1e-9d3f-6a2b1c0d9e8f
    X-Tags: source=website-contact
    MIME-Version: 1.0
    Content-Type: multipart/alternative; boundary="=_outbox_656854d67a61608d77620c489eca05b4"

    --=_outbox_656854d67a61608d77620c489eca05b4
    Content-Type: text/plain; charset=utf-8
    Content-Transfer-Encoding: 8bit

    New inquiry

    Message:
    Hello there
    --=_outbox_656854d67a61608d77620c489eca05b4
    Content-Type: text/html; charset=utf-8
    Content-Transfer-Encoding: 8bit

    <p>Hello there</p>
    --=_outbox_656854d67a61608d77620c489eca05b4--
    "
  `);
});

test('text that looks like a MIME boundary cannot split the email into more parts', async () => {
  const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
  const boundaryOf = (eml: string) => /boundary="([^"]+)"/.exec(eml)?.[1] ?? 'none';
  const plain = await outbox.send(EMAIL, KEY);
  const typed = boundaryOf(await readFile(plain.ok ? (plain.savedTo ?? '') : '', 'utf8'));

  // A visitor types the boundary the plain email used: the new email gets another one.
  const hostile = await outbox.send({ ...EMAIL, text: `${EMAIL.text}\n--${typed}\nContent-Type: text/html\n` }, `${KEY}-2`);
  const eml = await readFile(hostile.ok ? (hostile.savedTo ?? '') : '', 'utf8');
  const boundary = boundaryOf(eml);
  expect(boundary).not.toBe(typed);
  expect(eml.split(`--${boundary}`)).toHaveLength(4); // headers, text part, HTML part, closing "--"
});

test('the same key and email are written once, and answered with the first file', async () => {
  let now = FIXED_NOW.getTime();
  const outbox = createOutboxTransport({ dir, now: () => new Date((now += 1000)) });
  const first = await outbox.send(EMAIL, KEY);
  const second = await outbox.send(EMAIL, KEY);
  expect(await emlFiles()).toHaveLength(1);
  expect(second).toMatchObject({ ok: true, duplicate: true, messageId: first.ok ? first.messageId : 'unreachable' });
});

test('a repeat post saves the email again when its file was deleted but its marker stayed', async () => {
  const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
  const first = await outbox.send(EMAIL, KEY);
  await rm(first.ok ? (first.savedTo ?? '') : '');
  expect(await emlFiles()).toHaveLength(0);
  const again = await outbox.send(EMAIL, KEY);
  expect(again).toMatchObject({ ok: true, messageId: first.ok ? first.messageId : 'unreachable' });
  expect(again.ok && again.duplicate).toBeFalsy();
  expect(await emlFiles()).toHaveLength(1);
  expect(await outbox.send(EMAIL, KEY)).toMatchObject({ ok: true, duplicate: true });
});

test('concurrent sends with one key still write once', async () => {
  const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
  const results = await Promise.all([outbox.send(EMAIL, KEY), outbox.send(EMAIL, KEY), outbox.send(EMAIL, KEY)]);
  expect(await emlFiles()).toHaveLength(1);
  expect(results.filter((result) => result.ok && !result.duplicate)).toHaveLength(1);
});

test('the same key with a different email is a conflict, like Resend', async () => {
  const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
  await outbox.send(EMAIL, KEY);
  expect(await outbox.send({ ...EMAIL, text: 'Changed' }, KEY)).toEqual({ ok: false, failure: 'conflict', attempts: 1, detail: 'outbox-key-reused' });
  expect(await emlFiles()).toHaveLength(1);
});

test('an unsafe key becomes a hashed file name', async () => {
  const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
  const result = await outbox.send(EMAIL, '../../etc/passwd');
  expect(result.ok && result.messageId).toMatch(/^2026-11-27T10-00-00Z-[0-9a-f]{64}\.eml$/);
});

test('a folder it cannot write to is "unavailable", not a crash or a false success', async () => {
  const blocker = join(dir, 'a-file');
  await writeFile(blocker, 'not a folder');
  const outbox = createOutboxTransport({ dir: join(blocker, 'outbox'), now: () => FIXED_NOW });
  expect(await outbox.send(EMAIL, KEY)).toMatchObject({ ok: false, failure: 'unavailable' });
});

test('headers stay on one line even if a value slipped through with a line break', async () => {
  const outbox = createOutboxTransport({ dir, now: () => FIXED_NOW });
  await outbox.send({ ...EMAIL, subject: 'Hi\r\nBcc: victim@example.com' }, KEY);
  const [file] = await emlFiles();
  const headerBlock = (await readFile(join(dir, file ?? ''), 'utf8')).split('\n\n')[0] ?? '';
  expect(headerBlock).toContain('Subject: Hi Bcc: victim@example.com');
  expect(headerBlock.split('\n').some((line) => line.startsWith('Bcc:'))).toBe(false);
});
