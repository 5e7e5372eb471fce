/**
 * Characters that must never reach an email header: control characters (CR and LF above all,
 * which would start a new header), Unicode line/paragraph separators, and the invisible
 * direction overrides that can make a subject read differently from what it says.
 */
const UNSAFE_IN_HEADER = /[\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * `=?` starts an RFC 2047 encoded word, which mail clients decode: a name typed as
 * `=?utf-8?B?…?=` would show as whatever it encodes. A space after the `=` keeps it literal text.
 */
const ENCODED_WORD_START = /=\?/g;

/**
 * Makes text safe for one header line: unsafe characters become spaces, runs of whitespace
 * collapse, encoded-word openings are broken up, and the result is cut to `maxLength` characters
 * (whole code points, ending in "…").
 */
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
