/**
 * Splits text around hyphenated abbreviations such as "MT-BC", so a page can keep each on one line
 * (browsers may break after a hyphen, leaving "MT-" and "BC" on two lines). Items at odd positions
 * are the abbreviations; the text keeps its plain characters, so copying and screen readers stay natural.
 */
export function splitAbbreviations(text: string): string[] {
  return text.split(/\b([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\b/);
}
