import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHeaderText } from './header-text.ts';
import type { DeliveryResult, OutgoingEmail, Transport } from './transport.ts';

/**
 * The local stand-in for email: each inquiry becomes a readable .eml file (headers, the plain text
 * and the HTML body) in a folder, so `npm start` gives a working form with no accounts. Never used
 * in a deployed context (see env.ts).
 *
 * Like Resend, it delivers at most once per idempotency key: a marker file per key, created
 * exclusively, remembers which message the key produced and a hash of its content. The same key
 * with the same email is answered with the first file; with a different email it is a conflict.
 */
export interface OutboxOptions {
  readonly dir: string;
  readonly now: () => Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Keys become file names: safe tokens as they are, anything else hashed. */
function fileSafeKey(key: string): string {
  return /^[A-Za-z0-9_-]{1,200}$/.test(key) ? key : sha256(key);
}

/** 2026-11-27T10:00:00.123Z → 2026-11-27T10-00-00Z: sortable and valid on every file system. */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

/**
 * The MIME boundary: a hash of both bodies, so it cannot occur in them (text would have to contain
 * its own hash), and the same email always renders the same file.
 */
function mimeBoundary(email: OutgoingEmail): string {
  return `=_outbox_${sha256(`${email.text}\n${email.html}`).slice(0, 32)}`;
}

/**
 * The email as a mail client shows it: headers, then the plain text and the HTML as the two
 * alternatives Resend sends. Open the file in a mail client to preview the HTML; in a text editor
 * the plain text comes first.
 */
export function renderEml(email: OutgoingEmail, idempotencyKey: string, date: Date): string {
  // The values are sanitized already; once more here because this is where they become headers.
  const header = (name: string, value: string) => `${name}: ${toHeaderText(value, 998)}`;
  const boundary = mimeBoundary(email);
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit', '', body];
  return [
    header('Date', date.toUTCString()),
    header('From', email.from),
    header('To', email.to.join(', ')),
    header('Reply-To', email.replyTo),
    header('Subject', email.subject),
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

interface Marker {
  readonly file: string;
  readonly contentHash: string;
}

function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

export function createOutboxTransport(options: OutboxOptions): Transport {
  async function send(email: OutgoingEmail, idempotencyKey: string): Promise<DeliveryResult> {
    const key = fileSafeKey(idempotencyKey);
    const contentHash = sha256(JSON.stringify(email));
    const date = options.now();
    let file = `${fileStamp(date)}-${key}.eml`;
    let markedHere = true;
    const markerDir = join(options.dir, '.keys');
    const markerPath = join(markerDir, `${key}.json`);

    try {
      await mkdir(markerDir, { recursive: true });
      await writeFile(markerPath, JSON.stringify({ file, contentHash } satisfies Marker), { flag: 'wx' });
    } catch (error) {
      if (!isErrorCode(error, 'EEXIST')) return { ok: false, failure: 'unavailable', attempts: 1, detail: 'outbox-unwritable' };
      let marker: Marker;
      try {
        marker = JSON.parse(await readFile(markerPath, 'utf8')) as Marker;
      } catch {
        // The first request with this key is still writing its marker.
        return { ok: false, failure: 'unavailable', attempts: 1, detail: 'outbox-key-busy' };
      }
      if (marker.contentHash !== contentHash) return { ok: false, failure: 'conflict', attempts: 1, detail: 'outbox-key-reused' };
      const saved = join(options.dir, marker.file);
      if (await stat(saved).then((info) => info.isFile(), () => false)) {
        return { ok: true, messageId: marker.file, attempts: 1, duplicate: true, savedTo: saved };
      }
      // The .eml was deleted (say, read and cleaned up) but its marker stayed: save it again rather
      // than report a duplicate of a file that no longer exists.
      file = marker.file;
      markedHere = false;
    }

    const path = join(options.dir, file);
    try {
      await writeFile(path, renderEml(email, idempotencyKey, date), { flag: 'wx' });
    } catch (error) {
      // A concurrent request with the same key and email saved it first.
      if (isErrorCode(error, 'EEXIST')) return { ok: true, messageId: file, attempts: 1, duplicate: true, savedTo: path };
      // Free the key again, so a retry can deliver.
      if (markedHere) await unlink(markerPath).catch(() => undefined);
      return { ok: false, failure: 'unavailable', attempts: 1, detail: 'outbox-unwritable' };
    }
    return { ok: true, messageId: file, attempts: 1, savedTo: path };
  }

  return { name: 'outbox', send };
}
