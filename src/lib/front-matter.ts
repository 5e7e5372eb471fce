/** The settings block at the top of a markdown file, found the way Astro finds it. */
export interface FrontMatter {
  /** The text between the two `---` lines, starting with the rest of the opening line. */
  readonly yaml: string;
  /** The file's line number (from 1) of the opening `---`; line k of `yaml` is file line `firstLine + k`. */
  readonly firstLine: number;
  /** Everything after the closing `---`. */
  readonly body: string;
  /** `+++` blocks hold TOML, which Astro also reads; these checks leave them alone. */
  readonly toml: boolean;
}

// Astro's own pattern (astro/markdown's extractFrontmatter): an optional BOM or blank lines, then
// `---` (or `+++`), the block, and the next `---` (or `+++`) after a line break.
const FRONT_MATTER = /(?:^\uFEFF?|^\s*\n)(---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)/;

export function splitFrontMatter(text: string): FrontMatter | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  const delimiter = match[1] ?? '---';
  const openAt = match.index + match[0].indexOf(delimiter);
  return {
    yaml: match[2] ?? '',
    firstLine: text.slice(0, openAt).split('\n').length,
    body: text.slice(match.index + match[0].length).replace(/^[^\n]*\n?/, ''),
    toml: delimiter === '+++',
  };
}
