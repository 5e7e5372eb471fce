import { expect, test } from 'vitest';
import { botSignOf } from '../../../src/lib/contact/bot-check.ts';

const NOW = Date.parse('2026-11-27T10:00:00.000Z');

test.each([
  ['a person without JavaScript (no startedAt)', {}, undefined],
  ['an empty honeypot', { website: '' }, undefined],
  ['a honeypot of spaces', { website: '   ' }, undefined],
  ['a filled honeypot', { website: 'https://spam.example' }, 'honeypot'],
  ['a honeypot filled with JSON data', { website: { a: 1 } }, 'honeypot'],
  ['a honeypot of false (JSON)', { website: false }, 'honeypot'],
  ['posted 1 s after the form appeared', { startedAt: NOW - 1000 }, 'too-fast'],
  ['posted instantly, startedAt as a form string', { startedAt: String(NOW) }, 'too-fast'],
  ['posted after 2.999 s', { startedAt: NOW - 2999 }, 'too-fast'],
  ['posted after 3 s', { startedAt: NOW - 3000 }, undefined],
  ['posted after a minute', { startedAt: String(NOW - 60_000) }, undefined],
  ['the visitor clock is ahead of ours (negative gap)', { startedAt: NOW + 10_000 }, undefined],
  ['startedAt is nonsense', { startedAt: 'yesterday' }, undefined],
  ['startedAt is huge', { startedAt: '9'.repeat(40) }, undefined],
  ['honeypot wins over timing', { website: 'x', startedAt: NOW - 60_000 }, 'honeypot'],
])('%s → %s', (_label, fields, expected) => {
  expect(botSignOf(fields, NOW)).toBe(expected);
});
