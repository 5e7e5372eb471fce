import { expect, test } from 'vitest';
import { botSignOf } from '../../../src/lib/contact/bot-check.ts';

test.each([
  ['a person without JavaScript (no fillMs)', {}, undefined],
  ['an empty honeypot', { website: '' }, undefined],
  ['a honeypot of spaces', { website: '   ' }, undefined],
  ['a filled honeypot', { website: 'https://spam.example' }, 'honeypot'],
  ['a honeypot filled with JSON data', { website: { a: 1 } }, 'honeypot'],
  ['a honeypot of false (JSON)', { website: false }, 'honeypot'],
  ['sent 1 s after the form appeared', { fillMs: 1000 }, 'too-fast'],
  ['sent instantly, fillMs as a form string', { fillMs: '0' }, 'too-fast'],
  ['sent after 2.999 s', { fillMs: 2999 }, 'too-fast'],
  ['sent after 3 s', { fillMs: 3000 }, undefined],
  ['sent after a minute', { fillMs: '60000' }, undefined],
  ['fillMs is negative', { fillMs: -5 }, undefined],
  ['fillMs is nonsense', { fillMs: 'yesterday' }, undefined],
  ['fillMs is huge', { fillMs: '9'.repeat(40) }, undefined],
  ['honeypot wins over timing', { website: 'x', fillMs: 60_000 }, 'honeypot'],
])('%s → %s', (_label, fields, expected) => {
  expect(botSignOf(fields)).toBe(expected);
});
