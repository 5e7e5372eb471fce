import { parseAllHeaders, type Header } from '@netlify/headers-parser';

/**
 * The CDN header rules of netlify.toml, parsed by Netlify's own parser so the rules the tests and
 * the local server apply are the rules deployed.
 */
export async function loadHeaderRules(netlifyConfigPath = 'netlify.toml'): Promise<Header[]> {
  const { headers, errors } = await parseAllHeaders({
    headersFiles: ['dist/_headers'],
    netlifyConfigPath,
    configHeaders: undefined,
    minimal: false,
  });
  if (errors.length > 0) throw new Error(`netlify.toml headers: ${errors.map((error) => error.message).join('; ')}`);
  return headers as Header[];
}

/** Every header the CDN would add to the response for `path`, later rules winning as on Netlify. */
export function headersFor(rules: Header[], path: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const rule of rules) {
    if (rule.forRegExp.test(path)) Object.assign(result, rule.values);
  }
  return result;
}
