/**
 * The contact form, described as plain data: one truth for two users. The form page renders its
 * controls from this list (name, label, type, required, maxlength, autocomplete, hints, options)
 * and the function (netlify/functions/contact/inquiry.ts) builds the zod schema it validates with
 * from it, so a limit or a message is changed here once and both sides follow. The few checks an
 * answer must pass (visible text, one line, email and phone shape, a ticked box) live here too:
 * the page's script runs them before sending and the schema runs the same ones (see `answerProblems`).
 *
 * Messages speak to the visitor: what to do, with an example, never what went wrong internally.
 */

import { regexes } from 'zod';

/** One choice of a radio group or select. `value` is what is posted; `label` is what people read. */
export interface FieldOption {
  readonly value: string;
  readonly label: string;
}

interface FieldBase {
  /** The control's `name` and `id`, and the key in JSON bodies and error objects. */
  readonly name: string;
  /** The visible label on the form. */
  readonly label: string;
  /** A short name for the answer in the email to the studio, e.g. "Phone". */
  readonly shortLabel: string;
  /** A short line under the label. */
  readonly hint?: string;
  readonly required: boolean;
  /** The `autocomplete` attribute, so browsers can fill known details. */
  readonly autocomplete?: string;
  /** Shown when a required field is empty (or, for optional choices, when the value is not one of the options). */
  readonly requiredMessage: string;
}

export interface TextField extends FieldBase {
  readonly control: 'text' | 'email' | 'tel' | 'textarea';
  readonly maxLength: number;
  readonly tooLongMessage: string;
  /** Shown when the value is present but not in the expected form (email, phone). */
  readonly invalidMessage?: string;
}

export interface ChoiceField extends FieldBase {
  readonly control: 'radio' | 'select';
  readonly options: readonly FieldOption[];
  /** Used when the visitor leaves an optional choice empty. */
  readonly defaultValue?: string;
}

export interface CheckboxField extends FieldBase {
  readonly control: 'checkbox';
  /** What the checked box posts. The function also accepts "on" (a checkbox without a value) and JSON `true`. */
  readonly value: string;
}

export type ContactField = TextField | ChoiceField | CheckboxField;

/**
 * A location as a setting choice: its id (from its file name) and its `formLabel`, or its title when it
 * has none. The form and the studio's email name the choice the same way because both use this.
 */
export function locationChoice(id: string, data: { readonly title: string; readonly formLabel?: string | undefined }): FieldOption {
  return { value: id, label: data.formLabel ?? data.title };
}

export const CONTACT_FIELDS = [
  {
    name: 'name',
    shortLabel: 'Name',
    label: 'Your name',
    control: 'text',
    required: true,
    autocomplete: 'name',
    maxLength: 100,
    requiredMessage: 'Enter your name',
    tooLongMessage: 'Your name must be 100 characters or fewer',
    invalidMessage: 'Remove any line breaks or tab characters from your name',
  },
  {
    name: 'email',
    shortLabel: 'Email',
    label: 'Email address',
    hint: 'We will only use this to reply to you.',
    control: 'email',
    required: true,
    autocomplete: 'email',
    maxLength: 254,
    requiredMessage: 'Enter your email address, like name@example.com',
    tooLongMessage: 'Your email address must be 254 characters or fewer',
    invalidMessage: 'Enter your email address in the right format, like name@example.com',
  },
  {
    name: 'phone',
    shortLabel: 'Phone',
    label: 'Phone number (optional)',
    hint: 'Include the area code, like (801) 555-0123.',
    control: 'tel',
    required: false,
    autocomplete: 'tel',
    maxLength: 30,
    requiredMessage: 'Enter a phone number so we can call you back, or choose email as the way to reach you',
    tooLongMessage: 'Your phone number must be 30 characters or fewer',
    invalidMessage: 'Enter a phone number with its area code, like (801) 555-0123',
  },
  {
    name: 'contactMethod',
    shortLabel: 'Preferred contact',
    label: 'How should we get back to you?',
    control: 'radio',
    required: false,
    defaultValue: 'either',
    options: [
      { value: 'email', label: 'Email' },
      { value: 'phone', label: 'Phone' },
      { value: 'either', label: 'Either is fine' },
    ],
    requiredMessage: 'Choose how we should get back to you: email, phone or either',
  },
  {
    name: 'role',
    shortLabel: 'Asking for',
    label: 'Who are you asking for? (optional)',
    control: 'select',
    required: false,
    options: [
      { value: 'myself', label: 'Myself' },
      { value: 'family', label: 'My child or a family member' },
      { value: 'school-staff', label: 'I work at a school' },
      { value: 'professional', label: 'I am a referring professional' },
      { value: 'other', label: 'Someone else' },
    ],
    requiredMessage: 'Choose who you are asking for from the list',
  },
  {
    name: 'ageGroup',
    shortLabel: 'Age group',
    label: 'Age of the person who would have music therapy (optional)',
    control: 'select',
    required: false,
    options: [
      { value: 'early-childhood', label: 'Early childhood (0 to 5)' },
      { value: 'child', label: 'Child (6 to 12)' },
      { value: 'teen', label: 'Teen (13 to 17)' },
      { value: 'adult', label: 'Adult (18 to 64)' },
      { value: 'older-adult', label: 'Older adult (65 and over)' },
      { value: 'several-or-not-sure', label: 'Several people, or not sure' },
    ],
    requiredMessage: 'Choose an age group from the list',
  },
  {
    name: 'setting',
    shortLabel: 'Setting',
    label: 'Where would you like sessions?',
    control: 'radio',
    required: false,
    defaultValue: 'not-sure',
    // The locations (src/content/locations/) come before this one: the page offers the published
    // ones, the function accepts them all. "Not sure yet" lets people ask before they know where.
    options: [{ value: 'not-sure', label: 'Not sure yet' }],
    requiredMessage: 'Choose where you would like sessions, or "Not sure yet"',
  },
  {
    name: 'estimate',
    shortLabel: 'Good Faith Estimate requested',
    label: 'I would like a Good Faith Estimate of the expected costs',
    hint: 'For anyone paying for sessions themselves rather than through insurance: the law gives you the right to one.',
    control: 'checkbox',
    required: false,
    value: 'yes',
    // Never shown by the page, whose box sends "yes" or nothing: only for a request that sends another value.
    requiredMessage: 'Tick the box if you would like a Good Faith Estimate',
  },
  {
    name: 'message',
    shortLabel: 'Message',
    label: 'How can we help?',
    hint: 'Please do not include diagnoses or other medical details. We will talk about those privately.',
    control: 'textarea',
    required: true,
    maxLength: 2000,
    requiredMessage: 'Tell us a little about what you are looking for',
    tooLongMessage: 'Your message must be 2,000 characters or fewer',
  },
  {
    name: 'consent',
    shortLabel: 'Not for medical details or emergencies',
    label: 'I understand this form is not for medical details or emergencies.',
    hint: 'In an emergency, call 911.',
    control: 'checkbox',
    required: true,
    value: 'yes',
    requiredMessage: 'Tick the box to confirm you understand this form is not for medical details or emergencies',
  },
] as const satisfies readonly ContactField[];

type Fields = (typeof CONTACT_FIELDS)[number];

/** One field by name, with its own literal type (its options, its messages). */
export function contactField<N extends Fields['name']>(name: N): Extract<Fields, { name: N }> {
  const found = CONTACT_FIELDS.find((candidate: ContactField) => candidate.name === name);
  // Only reachable if a field is renamed here without its users; the unit tests catch it.
  if (!found) throw new Error(`fields.ts has no field named "${name}".`);
  return found as Extract<Fields, { name: N }>;
}

/** The answers to "Where would you like sessions?": the published locations, then "Not sure yet". */
export const settingOptions = (locations: readonly FieldOption[]): readonly FieldOption[] => [...locations, ...contactField('setting').options];

/**
 * A trap for bots: hidden from people and assistive technology, so only software fills it in.
 * Named like a field a bot expects to find. Must be posted empty (or not at all).
 */
export const HONEYPOT_FIELD = 'website';

/** Set by the form's script: a fresh random id per inquiry, so retries and double clicks send one email. */
export const SUBMISSION_ID_FIELD = 'submissionId';

/**
 * Set by the form's script: how long (ms) the form had been on screen when it was sent, measured by
 * the browser itself, so no difference between the visitor's clock and ours can distort it.
 */
export const FILL_TIME_FIELD = 'fillMs';

/**
 * Posts that claim a shorter fill time are treated as bots. The script never sends sooner (it waits
 * out the rest), so a person who types fast is never mistaken for one.
 */
export const MINIMUM_FILL_TIME_MS = 3000;

/**
 * The ids in a field's markup, so its label, hint and error message point at the right control.
 * The form's script reads them back from `data-` attributes; nothing else builds them.
 */
export function fieldIds(field: { readonly name: string; readonly hint?: string | undefined }) {
  const control = `contact-${field.name}`;
  return {
    control,
    hint: field.hint ? `${control}-hint` : undefined,
    error: `${control}-error`,
    /** One radio button of a group. */
    option: (value: string) => `${control}-${value}`,
  };
}

/*
 * The checks the page and the function share, written once. The function's zod schema
 * (inquiry.ts) builds on these predicates; the page's script runs `answerProblems`, which applies
 * them in the schema's order, so a visitor sees every message at once, in the function's words,
 * without a round trip. The function still checks everything. A unit test runs both over
 * thousands of generated answers and requires the same messages (tests/unit/contact/answer-checks.test.ts).
 * Plain functions and regexes only: the page's script imports this file, and it must stay small
 * (zod's email pattern is one regex; the bundler leaves the rest of zod out).
 */

/**
 * Format characters, every default-ignorable code point (zero-width characters, variation
 * selectors, Hangul fillers) and the blank Braille pattern show as nothing: an answer made only of these is blank.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Something a person can see: not only spaces and invisible characters. */
export const hasVisibleText = (value: string): boolean => value.replace(INVISIBLE, '').trim().length > 0;

/** Control characters (C0, DEL, C1) and Unicode line/paragraph separators: never valid on one line. */
const LINE_BREAKING_OR_CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** No line break, tab or other control character. */
export const isOneLine = (value: string): boolean => !LINE_BREAKING_OR_CONTROL.test(value);

/** Blank answers to optional questions mean "not answered", whatever the body format. */
export const isBlank = (value: unknown): boolean => typeof value === 'string' && value.trim() === '';

/** In a message, keep line breaks and tabs; drop other control characters nobody types on purpose. */
const UNWANTED_IN_MESSAGE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** A message as it is checked (and, made well-formed, sent): line breaks as \n, stray control characters dropped, trimmed. */
export const cleanMessage = (value: string): string => value.replace(/\r\n?/g, '\n').replace(UNWANTED_IN_MESSAGE, '').trim();

/**
 * An internationalized domain (ann@bücher.de) in its ASCII form (xn--bcher-kva.de), which mail
 * servers and the address check understand. The URL parser does the IDNA mapping the same way in
 * Node and in browsers; a domain with characters a URL would read as port, path or query is left
 * as it is, for the address check to refuse. The local part is never changed: non-ASCII there
 * (look-alike letters) is still refused.
 */
export function withAsciiDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 0 || /^[\x21-\x7E]*$/.test(domain) || /[\s@:/?#[\]\\%]/.test(domain)) return address;
  try {
    return `${address.slice(0, at)}@${new URL(`http://${domain}`).hostname}`;
  } catch {
    return address;
  }
}

/** An email address (domain already in ASCII), by zod's own pattern: the one `z.email()` uses. */
export const isEmailAddress = (address: string): boolean => regexes.email.test(address);

/**
 * Loose on purpose: people write numbers in many ways. Groups of digits and + ( ) . - separated
 * by single spaces (runs of spaces are collapsed first), then an optional extension. Each part
 * starts with characters the one before cannot contain, so the pattern never backtracks.
 */
const PHONE_SHAPE = /^\+?[\d().-]+(?: [\d().-]+)*(?: ?(?:x|ext\.?) ?(\d{1,6}))?$/i;

/** A phone number: the shape above with 7 to 15 digits, not counting the extension. */
export function isPhoneNumber(value: string): boolean {
  const shape = PHONE_SHAPE.exec(value.replace(/\s+/g, ' '));
  if (!shape) return false;
  const digits = value.replace(/\D/g, '').length - (shape[1]?.length ?? 0);
  return digits >= 7 && digits <= 15;
}

/** A ticked box posts its value ("yes"), or "on" if it has none; JSON callers may send `true`. */
const TICKED = new Set(['yes', 'on', 'true']);

export const isTicked = (value: unknown): boolean => value === true || (typeof value === 'string' && TICKED.has(value.trim().toLowerCase()));

/**
 * What the page needs to check one answer: a text field's limit and messages, or a box that must be
 * ticked. Radio groups and lists are left out (the page offers only valid choices, and the function
 * checks them), and so are boxes nobody has to tick.
 */
export type FieldCheck =
  | Pick<TextField, 'name' | 'control' | 'maxLength' | 'requiredMessage' | 'tooLongMessage' | 'invalidMessage'>
  | Pick<CheckboxField, 'name' | 'control' | 'requiredMessage'>;

/**
 * The fields, reduced to what `answerProblems` reads. The form carries this as JSON (`data-checks`),
 * so the page's script gets the words and limits without importing the whole list of fields.
 */
export function fieldChecks(fields: readonly ContactField[]): FieldCheck[] {
  return fields.flatMap((field): FieldCheck[] => {
    const { name, requiredMessage } = field;
    // A box nobody has to tick (a request) cannot be answered wrongly.
    if (field.control === 'checkbox') return field.required ? [{ name, control: field.control, requiredMessage }] : [];
    // Radio groups and lists (the fields without a length limit) are the function's to check.
    if (!('maxLength' in field)) return [];
    const { control, maxLength, tooLongMessage, invalidMessage } = field;
    return [{ name, control, requiredMessage, maxLength, tooLongMessage, ...(invalidMessage ? { invalidMessage } : {}) }];
  });
}

/** An answer as the schema measures and checks it: a message cleaned, any other text trimmed. */
const asChecked = (field: FieldCheck, value: string): string => (field.control === 'textarea' ? cleanMessage(value) : value.trim());

/** Length as zod measures it: in characters (code points), so an emoji counts once. */
const length = (text: string): number => [...text].length;

/** The first problem with one answer, in the order the schema checks it. */
function problemWith(field: FieldCheck, value: unknown): string | undefined {
  const required = field.requiredMessage;
  if (field.control === 'checkbox') return isTicked(value) ? undefined : required;
  const invalid = field.invalidMessage ?? required;
  // An optional number may be left out; anything else must be text.
  if (field.control === 'tel' && (value === undefined || isBlank(value))) return undefined;
  if (typeof value !== 'string') return field.control === 'tel' ? invalid : required;
  const text = asChecked(field, value);
  if (!text) return required;
  // The length first, as in the schema: no pattern ever reads more than a field's limit.
  if (length(text) > field.maxLength) return field.tooLongMessage;
  if (field.control === 'tel') return isPhoneNumber(text) ? undefined : invalid;
  if (field.control === 'email') {
    const ascii = withAsciiDomain(text);
    return !isEmailAddress(ascii) ? invalid : length(ascii) > field.maxLength ? field.tooLongMessage : undefined;
  }
  if (!hasVisibleText(text)) return required;
  return field.control === 'text' && !isOneLine(text) ? invalid : undefined;
}

/**
 * What the page can tell the visitor before sending: the first problem with each answer, by field
 * name, as the function would report it. `answers` as the form posts them (strings; a box not
 * ticked is absent); `checks` is `fieldChecks(CONTACT_FIELDS)`.
 */
export function answerProblems(answers: Readonly<Record<string, unknown>>, checks: readonly FieldCheck[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of checks) {
    const value = answers[field.name];
    const problem =
      problemWith(field, value) ??
      // Asking for a call without a number leaves the studio nowhere to call.
      (field.name === 'phone' && answers.contactMethod === 'phone' && (value === undefined || isBlank(value)) ? field.requiredMessage : undefined);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}
