const conjunction = new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' });

/** Items as a sentence reads them: "Lehi", "Lehi and Alpine", "Lehi, Alpine, and Draper". */
export function formatList(items: readonly string[]): string {
  return conjunction.format(items);
}
