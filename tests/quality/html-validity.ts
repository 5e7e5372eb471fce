import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';

/**
 * html-validate with the repository's .htmlvalidate.mjs (its recommended rules; every exception is
 * commented there). Returns one line per problem: "rule-id: message (selector)".
 */
let validator: HtmlValidate | undefined;

export async function htmlValidityProblems(file: string): Promise<string[]> {
  validator ??= new HtmlValidate(new FileSystemConfigLoader());
  const report = await validator.validateFile(file);
  return report.results.flatMap((result) =>
    result.messages.map((message) => `${message.ruleId}: ${message.message}${message.selector ? ` (${message.selector})` : ''} [line ${message.line}]`),
  );
}
