import { load, YAMLException } from 'js-yaml';
import { splitFrontMatter } from './front-matter.ts';

/**
 * What is wrong with the settings block at the top of a markdown file (between its two `---`
 * lines), in words the owner can act on, with the line number as their editor shows it; or
 * `undefined` when it reads fine. Whether each setting is right is for the collection's schema.
 *
 * Astro's own message for these mistakes counts lines from the first `---` and, while `npm start`
 * runs, only appears in the terminal while the browser keeps showing the old page.
 */
export function frontMatterProblem(text: string): string | undefined {
  const frontMatter = splitFrontMatter(text);
  if (!frontMatter) {
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((line) => line.trim() !== '');
    return firstLine?.trim() === '---'
      ? 'the settings at the top have no closing line of three dashes (---): add one between the settings and the text.'
      : 'line 1: the file must start with a line of three dashes (---), then its settings, then another --- line.';
  }
  if (frontMatter.toml) return undefined;
  const block = frontMatter.yaml.split(/\r?\n/);
  let data: unknown;
  try {
    data = load(frontMatter.yaml);
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const { line, advice } = explain(error, block);
    return `line ${frontMatter.firstLine + line}: ${advice}`;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const noSpace = block.findIndex((line) => NO_SPACE_AFTER_COLON.test(line));
    if (noSpace !== -1) return `line ${frontMatter.firstLine + noSpace}: ${NO_SPACE_ADVICE}`;
    return 'the settings at the top should be lines like "title: Fees and insurance", one setting per line.';
  }
  return undefined;
}

/** `order:1` or `title:About`: YAML needs a space after the colon that ends a setting's name. */
const NO_SPACE_AFTER_COLON = /^\s*[A-Za-z][\w-]*:[^\s/]/;
const NO_SPACE_ADVICE = 'put a space after the colon, like order: 3.';

const QUOTE_ADVICE = 'put a value that has a colon (:) or a quote mark in it inside double quotes, like description: "In Lehi, Utah: at home or online".';

/** The block line to point at (from 0) and what to do there. */
function explain(error: YAMLException, block: string[]): { line: number; advice: string } {
  const { reason } = error;
  const noSpace = block.findIndex((line) => NO_SPACE_AFTER_COLON.test(line));
  if (noSpace !== -1) return { line: noSpace, advice: NO_SPACE_ADVICE };
  // Where a search below finds no line, js-yaml's own position is the best guess.
  const found = (index: number) => (index === -1 ? error.mark.line : index);
  // For a quote left open or a line with no colon, js-yaml points at the end of the block.
  if (/end of the stream within a double quoted scalar/.test(reason)) {
    // Escaped quotes (\") do not open or close a value.
    const line = block.findIndex((text) => (text.replaceAll('\\"', '').match(/"/g) ?? []).length % 2 === 1);
    return { line: found(line), advice: 'a double quote (") is opened but not closed: end the value with a closing ".' };
  }
  if (/can not read a block mapping entry/.test(reason)) {
    const line = block.findIndex((text) => text.trim() !== '' && !/^\s*(#|-|[^\s:#][^:]*:)/.test(text));
    return { line: found(line), advice: 'this line has no colon: write each setting as name: value, like order: 3.' };
  }
  if (/tab characters/.test(reason)) return { line: error.mark.line, advice: 'this line is indented with a tab: use spaces instead.' };
  if (/duplicated mapping key/.test(reason)) return { line: error.mark.line, advice: 'this setting appears twice: keep one of them.' };
  if (/bad indentation|mapping values are not allowed/.test(reason)) {
    return { line: error.mark.line, advice: `this line could not be read. Start each setting at the beginning of its line, and ${QUOTE_ADVICE}` };
  }
  return { line: error.mark.line, advice: `this line could not be read (${reason}). Check its quotes and colons; ${QUOTE_ADVICE}` };
}
