import { load, YAMLException } from 'js-yaml';

/**
 * What is wrong with the settings block at the top of a markdown file (between its two `---`
 * lines), in words the owner can act on, with the line number as their editor shows it; or
 * `undefined` when it reads fine. Whether each setting is right is for the collection's schema.
 *
 * Astro's own message for these mistakes counts lines from the first `---` and, while `npm start`
 * runs, only appears in the terminal while the browser keeps showing the old page.
 */
export function frontMatterProblem(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return 'line 1: the file must start with a line of three dashes (---), then its settings, then another --- line.';
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (closing === -1) {
    return 'the settings at the top have no closing line of three dashes (---): add one between the settings and the text.';
  }
  const block = lines.slice(1, closing);
  let data: unknown;
  try {
    data = load(block.join('\n'));
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    // The block starts on the file's line 2; js-yaml counts its lines from 0.
    const { line, advice } = explain(error, block);
    return `line ${line + 2}: ${advice}`;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return 'the settings at the top should be lines like "title: Fees and insurance", one setting per line.';
  }
  return undefined;
}

const QUOTE_ADVICE = 'put a value that has a colon (:) or a quote mark in it inside double quotes, like description: "In Lehi, Utah: at home or online".';

/** The block line to point at (from 0) and what to do there. */
function explain(error: YAMLException, block: string[]): { line: number; advice: string } {
  const { reason } = error;
  // For a quote left open or a line with no colon, js-yaml points at the end of the block.
  if (/end of the stream within a double quoted scalar/.test(reason)) {
    const line = block.findIndex((text) => (text.match(/"/g) ?? []).length % 2 === 1);
    return { line: Math.max(line, 0), advice: 'a double quote (") is opened but not closed: end the value with a closing ".' };
  }
  if (/can not read a block mapping entry/.test(reason)) {
    const line = block.findIndex((text) => text.trim() !== '' && !/^\s*(#|-|[^\s:#][^:]*:)/.test(text));
    return { line: Math.max(line, 0), advice: 'this line has no colon: write each setting as name: value, like order: 3.' };
  }
  if (/tab characters/.test(reason)) return { line: error.mark.line, advice: 'this line is indented with a tab: use spaces instead.' };
  if (/duplicated mapping key/.test(reason)) return { line: error.mark.line, advice: 'this setting appears twice: keep one of them.' };
  if (/bad indentation|mapping values are not allowed/.test(reason)) {
    return { line: error.mark.line, advice: `this line could not be read. Start each setting at the beginning of its line, and ${QUOTE_ADVICE}` };
  }
  return { line: error.mark.line, advice: `this line could not be read (${reason}). Check its quotes and colons; ${QUOTE_ADVICE}` };
}
