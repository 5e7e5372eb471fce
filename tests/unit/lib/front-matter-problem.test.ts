import { expect, test } from 'vitest';
import { frontMatterProblem } from '../../../src/lib/front-matter-problem.ts';

const file = (...lines: string[]) => `${lines.join('\n')}\n`;

test.each([
  ['settings that read fine', file('---', 'title: Fees', 'description: "In Lehi, Utah: at home"', '---', 'Text.'), undefined],
  ['Windows line endings', file('---', 'title: Fees', '---', 'Text.').replaceAll('\n', '\r\n'), undefined],
  ['a colon in an unquoted value', file('---', 'title: About', 'description: About us: who we are', '---'), /^line 3: this line could not be read\..*double quotes/],
  ['an apostrophe inside single quotes', file('---', "title: 'It's us'", '---'), /^line 2: this line could not be read/],
  ['a double quote left open', file('---', 'title: About', 'description: "About us', 'order: 1', '---'), /^line 3: a double quote \(".*not closed/],
  ['a line with no colon', file('---', 'title: About', 'order 1', '---'), /^line 3: this line has no colon/],
  ['a tab before a setting', file('---', 'title: About', '\tdescription: x', '---'), /^line 3: this line is indented with a tab/],
  ['a setting given twice', file('---', 'title: About', 'title: Again', '---'), /^line 3: this setting appears twice/],
  ['no closing dashes', file('---', 'title: About', 'Some text.'), /no closing line of three dashes/],
  ['no opening dashes', file('title: About', '---', 'Text.'), /^line 1: the file must start with a line of three dashes/],
  ['a block that is not settings', file('---', 'Just a sentence', '---'), /should be lines like "title: Fees and insurance"/],
  ['a byte-order mark before the dashes', `\uFEFF${file('---', 'title: Fees', '---')}`, undefined],
  ['blank lines before the dashes', file('', '', '---', 'title: Fees', '---'), undefined],
  ['spaces after the dashes', file('---  ', 'title: Fees', '---  ', 'Text.'), undefined],
  ['a colon in a value after blank lines', file('', '---', 'title: About', 'description: About us: who we are', '---'), /^line 4: /],
  ['no space after a colon, after a good line', file('---', 'title: About', 'order:1', '---'), /^line 3: put a space after the colon/],
  ['no space after the only colon', file('---', 'title:About', '---'), /^line 2: put a space after the colon/],
  ['an escaped quote before the one left open', file('---', 'title: "He said \\"hi\\""', 'description: "About us', '---'), /^line 3: a double quote/],
  ['a web address as a value', file('---', 'siteUrl: https://example.com/a:b', '---'), undefined],
  ['TOML settings, which Astro also reads', file('+++', 'title = "Fees"', '+++'), undefined],
])('%s', (_case, text, expected) => {
  const problem = frontMatterProblem(text);
  if (expected === undefined) expect(problem).toBeUndefined();
  else expect(problem).toMatch(expected);
});
