/** Where the site settings live, as the owner sees the path. */
const SETTINGS_FILE = 'src/content/settings.json';

/**
 * Reads the text of settings.json. A syntax mistake (a stray comma, a missing quote) becomes one
 * plain message that names the file and where to look, instead of a parser stack trace.
 */
export function parseSettingsJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const place = /line (\d+) column (\d+)/.exec(detail);
    const where = place ? ` at line ${place[1]}, column ${place[2]}` : '';
    throw new Error(
      `${SETTINGS_FILE} has a typing mistake${where} (the JSON reader says: ${detail}). ` +
        'Look there, or just before it, for a missing or extra comma, a missing double quote, or an unclosed bracket: ' +
        'every name and every text value is in double quotes, and the last item of a list or block has no comma after it.',
    );
  }
}
