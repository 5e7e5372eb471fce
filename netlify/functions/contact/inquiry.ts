import { z } from 'zod';
import {
  CONTACT_FIELDS,
  SUBMISSION_ID_FIELD,
  cleanMessage,
  contactField,
  hasVisibleText,
  isBlank,
  isEmailAddress,
  isOneLine,
  isTicked,
  withAsciiDomain,
} from '../../../src/lib/contact/fields.ts';
import type { ChoiceField, CheckboxField, ContactField, TextField } from '../../../src/lib/contact/fields.ts';

/**
 * What counts as an inquiry: the zod schema the function validates with, built from the field
 * descriptions the form is rendered from (src/lib/contact/fields.ts): their limits, patterns and
 * messages, so the browser's checks and these say the same; and from the location ids
 * (locations.ts) for the setting question. Plain `zod` (what `astro/zod` re-exports), so the
 * function and Node's type stripping load it without Astro.
 */

/*
 * Every text check runs its length limit first, and the checks after it sit in a second stage
 * (`pipe`) that zod skips when the limit fails: no pattern ever sees more than a field's limit of
 * characters, and the patterns themselves are written so that no input can make them backtrack.
 * Together, any body within the size limit is answered in milliseconds. (A pipe rather than zod's
 * `abort`: an aborted field would also skip the check that reads two answers, below.)
 */


/** Blank answers to optional questions mean "not answered", whatever the body format. */
function blankToUndefined(value: unknown): unknown {
  return isBlank(value) ? undefined : value;
}

function singleLineText(spec: TextField) {
  return z
    .string({ error: spec.requiredMessage })
    .trim()
    .max(spec.maxLength, spec.tooLongMessage)
    .pipe(
      z
        .string()
        .refine(hasVisibleText, spec.requiredMessage)
        .refine(isOneLine, spec.invalidMessage ?? spec.requiredMessage)
        .transform(cleanName),
    );
}

/** An internationalized domain is checked (and sent) in its ASCII form: `withAsciiDomain`. */
function emailAddress(spec: TextField) {
  return z
    .string({ error: spec.requiredMessage })
    .trim()
    .min(1, spec.requiredMessage)
    .max(spec.maxLength, spec.tooLongMessage)
    .transform(withAsciiDomain)
    .pipe(
      z
        .string()
        .refine(isEmailAddress, spec.invalidMessage ?? spec.requiredMessage)
        .max(spec.maxLength, spec.tooLongMessage),
    );
}

function phoneNumber(spec: TextField) {
  // The field's `pattern` as the browser reads it: the whole answer must match, with the `v` flag.
  const pattern = new RegExp(`^(?:${spec.pattern})$`, 'v');
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: spec.invalidMessage ?? spec.requiredMessage })
      .trim()
      .max(spec.maxLength, spec.tooLongMessage)
      .pipe(z.string().regex(pattern, spec.invalidMessage ?? spec.requiredMessage))
      .optional(),
  );
}

function multiLineText(spec: TextField) {
  return z
    .string({ error: spec.requiredMessage })
    .transform((value) => withoutDirectionOverrides(cleanMessage(value)).toWellFormed())
    .pipe(z.string().min(1, spec.requiredMessage).max(spec.maxLength, spec.tooLongMessage))
    .pipe(z.string().refine(hasVisibleText, spec.requiredMessage));
}

/** A question people may skip: blank means "not answered". */
function optionalChoice<const Values extends readonly [string, ...string[]]>(spec: ChoiceField, values: Values) {
  return z.preprocess(blankToUndefined, z.enum(values, { error: spec.requiredMessage }).optional());
}

/** A question with a preselected answer (radio groups): blank falls back to the field's default. */
function defaultedChoice<const Values extends readonly [string, ...string[]]>(spec: ChoiceField, values: Values) {
  // fields.ts gives every radio group a default among its options (a unit test checks).
  const fallback = (spec.defaultValue ?? values[0]) as Values[number];
  return z.preprocess(blankToUndefined, z.enum(values, { error: spec.requiredMessage }).default(fallback));
}

/**
 * Shape of a location id while the list of locations cannot be read: letters, digits, - and _,
 * as Astro makes ids from file names. One bounded character class, so it cannot backtrack.
 */
const LOCATION_ID_SHAPE = /^[\p{L}\p{N}_-]{1,64}$/u;

/**
 * Where sessions would be: a location id or "not sure". Without the list (`undefined`), any
 * id-shaped answer is taken, so an inquiry is never refused for the function's own trouble.
 */
function settingChoice(spec: ChoiceField, locationIds: readonly string[] | undefined) {
  if (locationIds) return defaultedChoice(spec, [...valuesOf(spec), ...locationIds]);
  const anyId = z.string({ error: spec.requiredMessage }).regex(LOCATION_ID_SHAPE, spec.requiredMessage);
  return z.preprocess(blankToUndefined, anyId.default(spec.defaultValue ?? valuesOf(spec)[0]));
}

/** A ticked box (`isTicked`): its value ("yes"), "on" if it has none, or JSON `true`. */
function tickedBox(spec: CheckboxField) {
  return z.preprocess(isTicked, z.literal(true, { error: spec.requiredMessage }));
}

/**
 * A box people may leave unticked (a request): ticked as `tickedBox` reads it, absent or blank is
 * "no", and anything else (another value, the box twice) is refused rather than read as "no", so a
 * request is never dropped in silence.
 */
function optionalBox(spec: CheckboxField) {
  return z.preprocess((value) => (value === undefined || value === null || value === false || isBlank(value) ? false : isTicked(value) || value), z.boolean({ error: spec.requiredMessage }));
}

function valuesOf<const F extends { readonly options: readonly { readonly value: string }[] }>(spec: F) {
  return spec.options.map((option) => option.value) as unknown as readonly [
    F['options'][number]['value'],
    ...F['options'][number]['value'][],
  ];
}

/**
 * A safe idempotency token from the form's script: a UUID or similar. Anything else is ignored
 * (the function then derives a key from the content), because the visitor cannot fix a hidden field.
 */
const SUBMISSION_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

const contactMethodField = contactField('contactMethod');
const phoneField = contactField('phone');

/**
 * The schema for a list of locations: `locationIds` are the settings people may choose besides
 * "not sure" (every location, drafts too: a page built before one became a draft can still send
 * it), or undefined when the list could not be read. Built once per list: building costs far more
 * than validating.
 */
export function inquirySchema(locationIds: readonly string[] | undefined): InquirySchema {
  const key = locationIds ? JSON.stringify(locationIds) : 'unreadable';
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = buildSchema(locationIds)));
  return schema;
}

type InquirySchema = ReturnType<typeof buildSchema>;
const schemas = new Map<string, InquirySchema>();

function buildSchema(locationIds: readonly string[] | undefined) {
  return z
    .object({
      name: singleLineText(contactField('name')),
      email: emailAddress(contactField('email')),
      phone: phoneNumber(phoneField),
      contactMethod: defaultedChoice(contactMethodField, valuesOf(contactMethodField)),
      role: optionalChoice(contactField('role'), valuesOf(contactField('role'))),
      ageGroup: optionalChoice(contactField('ageGroup'), valuesOf(contactField('ageGroup'))),
      setting: settingChoice(contactField('setting'), locationIds),
      estimate: optionalBox(contactField('estimate')),
      message: multiLineText(contactField('message')),
      consent: tickedBox(contactField('consent')),
      [SUBMISSION_ID_FIELD]: z.string().regex(SUBMISSION_ID_PATTERN).optional().catch(undefined),
    })
    .refine((inquiry) => !(inquiry.contactMethod === 'phone' && inquiry.phone === undefined), {
      // Asking for a call without a number leaves the studio nowhere to call.
      path: ['phone'],
      message: phoneField.requiredMessage,
      // Checked even when other answers fail (zod would otherwise skip it), so the visitor sees this
      // with every other problem at once, not in a second round; only the two fields it reads must be valid.
      when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'phone' || issue.path?.[0] === 'contactMethod'),
    });
}

/** A valid inquiry, as the email renderer and transports see it. */
export type Inquiry = z.output<InquirySchema>;

const FIELD_ORDER: readonly string[] = CONTACT_FIELDS.map((spec: ContactField) => spec.name);

/** The first message for each field, in form order, for fields the visitor can see. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  const errors: Record<string, string> = {};
  for (const name of FIELD_ORDER) {
    const first = flat[name]?.[0];
    if (first) errors[name] = first;
  }
  return errors;
}

/*
 * Text cleaning, kept apart from the schema so it can move with it. The blank check
 * (`hasVisibleText` in fields.ts) counts the same characters as invisible.
 */

/**
 * Characters that show as nothing: format characters (direction marks and overrides, tag
 * characters, zero-width spaces, soft hyphens) and every other default-ignorable code point
 * (variation selectors, Hangul fillers, the combining grapheme joiner). The two zero-width joiners
 * stay: some scripts and emoji need them.
 */
export const INVISIBLE_IN_NAME = /(?![\u200C\u200D])[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** A name as it reaches the subject line: nothing invisible, nothing that reorders what follows. */
export const cleanName = (value: string): string => value.replace(INVISIBLE_IN_NAME, '').toWellFormed().trim();

/** Embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they could make "(801) 555-0123" read otherwise. */
const DIRECTION_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/g;

export const withoutDirectionOverrides = (value: string): string => value.replace(DIRECTION_OVERRIDES, '');
