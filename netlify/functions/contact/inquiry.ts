import { z } from 'zod';
import { CONTACT_FIELDS, SUBMISSION_ID_FIELD, contactField, type CheckboxField, type ChoiceField, type ContactField, type TextField } from '../../../src/lib/contact/fields.ts';

/**
 * What counts as an inquiry: one zod schema made from the form's field descriptions (fields.ts),
 * each field by its control, with the location ids (locations.ts) as the setting's choices. It also
 * checks what a browser cannot: visible text, names on one line, the email after IDNA. Plain `zod`
 * (what `astro/zod` re-exports), so the bundled function loads it without Astro.
 */

/** Shows as nothing (format, default-ignorable, the blank Braille pattern): an answer of only these is blank. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;
/** Dropped from names, which reach the subject line; the zero-width (non-)joiners stay for scripts and emoji. */
const INVISIBLE_IN_NAME = /(?![\u200C\u200D])[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** Embeddings, overrides and isolates could make "(801) 555-0123" in a message read otherwise. */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Controls other than line breaks and tabs: nobody types them in a message on purpose. */
const STRAY_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

const visible = (value: string) => value.replace(INVISIBLE, '').trim() !== '';
const oneLine = (value: string) => !/[\p{Cc}\u2028\u2029]/u.test(value);
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const ticked = (value: unknown) => value === true || (typeof value === 'string' && ['yes', 'on', 'true'].includes(value.trim().toLowerCase()));

/** ann@bücher.de as ann@xn--bcher-kva.de, which mail servers read (the URL parser maps it); the local part is never changed. */
function asciiDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 0 || /^[\x21-\x7E]*$/.test(domain) || /[\s@:/?#[\]\\%]/.test(domain)) return address;
  const hostname = URL.parse(`http://${domain}`)?.hostname;
  return hostname ? `${address.slice(0, at)}@${hostname}` : address;
}

const textSchemas = {
  text: (field: TextField) =>
    z.string({ error: field.requiredMessage }).trim().max(field.maxLength, field.tooLongMessage)
      .refine(visible, field.requiredMessage).refine(oneLine, field.invalidMessage)
      .transform((value) => value.replace(INVISIBLE_IN_NAME, '').toWellFormed().trim()),
  email: (field: TextField) =>
    z.string({ error: field.requiredMessage }).trim().min(1, field.requiredMessage).max(field.maxLength, field.tooLongMessage)
      .transform(asciiDomain).pipe(z.email(field.invalidMessage).max(field.maxLength, field.tooLongMessage)),
  // The limit first: zod skips the pipe when it fails, so the pattern never reads a long answer.
  tel: (field: TextField) =>
    z.preprocess(blankToUndefined, z.string({ error: field.invalidMessage }).trim().max(field.maxLength, field.tooLongMessage)
      .pipe(z.string().regex(new RegExp(`^(?:${field.pattern})$`, 'v'), field.invalidMessage)).optional()),
  textarea: (field: TextField) =>
    z.string({ error: field.requiredMessage })
      .transform((value) => value.replace(/\r\n?/g, '\n').replace(STRAY_CONTROLS, '').replace(DIRECTION_CONTROLS, '').trim().toWellFormed())
      .pipe(z.string().max(field.maxLength, field.tooLongMessage).refine(visible, field.requiredMessage)),
};

/** Blank is "not answered": the default, if the question has one. */
function choice(field: ChoiceField, locationIds?: readonly string[]) {
  const values = [...field.options.map((option) => option.value), ...(locationIds ?? [])] as [string, ...string[]];
  const answer = z.enum(values, { error: field.requiredMessage });
  return z.preprocess(blankToUndefined, field.defaultValue ? answer.default(field.defaultValue) : answer.optional());
}

/** Without the list (`undefined`), any id-shaped setting is taken: an inquiry is never refused for the function's own trouble. */
function setting(field: ChoiceField, locationIds: readonly string[] | undefined) {
  if (locationIds) return choice(field, locationIds);
  return z.preprocess(blankToUndefined, z.string({ error: field.requiredMessage }).regex(/^[\p{L}\p{N}_-]{1,64}$/u, field.requiredMessage).default(field.defaultValue ?? ''));
}

/** A required box must be ticked; an optional one is ticked, or absent, blank or false, and anything else is refused rather than read as "no". */
function box(field: CheckboxField) {
  if (field.required) return z.preprocess(ticked, z.literal(true, { error: field.requiredMessage }));
  const read = (value: unknown) => (value === null || value === false || blankToUndefined(value) === undefined ? false : ticked(value) || value);
  return z.preprocess(read, z.boolean({ error: field.requiredMessage }));
}

function fieldSchema(field: ContactField, locationIds: readonly string[] | undefined) {
  if (field.control === 'checkbox') return box(field);
  if ('options' in field) return field.name === 'setting' ? setting(field, locationIds) : choice(field);
  return textSchemas[field.control](field);
}

function buildSchema(locationIds: readonly string[] | undefined) {
  const fields = Object.fromEntries(CONTACT_FIELDS.map((field: ContactField) => [field.name, fieldSchema(field, locationIds)])) as unknown as { [F in Field as F['name']]: z.ZodType<Answer<F>> };
  // An unusable id from the script is ignored, not an error: the visitor cannot fix a hidden field.
  const submissionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional().catch(undefined);
  return z.object({ ...fields, [SUBMISSION_ID_FIELD]: submissionId }).refine((inquiry) => !(inquiry.contactMethod === 'phone' && inquiry.phone === undefined), {
    path: ['phone'],
    message: contactField('phone').requiredMessage,
    // Also when other answers fail, so the visitor sees every problem at once; only these two must be valid.
    when: ({ issues }) => !issues.some((issue) => issue.path?.[0] === 'phone' || issue.path?.[0] === 'contactMethod'),
  });
}

type Field = (typeof CONTACT_FIELDS)[number];
type Answer<F> = F extends { control: 'checkbox' } ? boolean : F extends { required: true } | { defaultValue: string } ? string : string | undefined;

/** A valid inquiry, as the email is made from it. */
export type Inquiry = z.output<ReturnType<typeof buildSchema>>;

const schemas = new Map<string | undefined, ReturnType<typeof buildSchema>>();

/**
 * The schema for the settings people may choose besides "not sure": every location, drafts too (a
 * page built before one became a draft can still send it), or undefined when the list could not be
 * read. Built once per list, as building costs far more than validating.
 */
export function inquirySchema(locationIds: readonly string[] | undefined) {
  const key = locationIds?.join('\n');
  if (!schemas.has(key)) schemas.set(key, buildSchema(locationIds));
  return schemas.get(key)!;
}

/** The first message for each field, in form order. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const found = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(CONTACT_FIELDS.flatMap(({ name }) => (found[name]?.[0] ? [[name, found[name][0]]] : [])));
}
