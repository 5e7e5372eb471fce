/**
 * The contact form, described once. Each field's name, label, hint, limits, pattern and messages
 * make the form's controls and their HTML attributes (src/components/contact/Field.astro), the
 * words the page's script shows for the browser's own validity checks, and the zod schema the
 * function validates with (netlify/functions/contact/inquiry.ts), which also checks what a browser
 * cannot (visible text, the email's shape, the choices offered).
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
  /** The control's `name`, and the key in JSON bodies and error objects. */
  readonly name: string;
  readonly label: string;
  /** A short name for the answer in the email to the studio, e.g. "Phone". */
  readonly shortLabel: string;
  /** A short line under the label. */
  readonly hint?: string;
  readonly required: boolean;
  readonly autocomplete?: string;
  /** When a required answer is missing (the browser's `valueMissing`); for choices, also an answer not offered. */
  readonly requiredMessage: string;
}

export interface TextField extends FieldBase {
  readonly control: 'text' | 'email' | 'tel' | 'textarea';
  /** In characters; the long text shows how many remain. */
  readonly maxLength: number;
  readonly tooLongMessage: string;
  /** An HTML `pattern` (the whole answer must match; the `v` flag), checked by the browser and by the schema. */
  readonly pattern?: string;
  /** When the answer is present but not in the expected form (`typeMismatch`, `patternMismatch`). */
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
 * Loose on purpose: people write numbers in many ways. Groups of digits and + ( ) . - with 7 to 15
 * digits (the lookahead counts them), then an optional extension ("x12", "ext. 12"). Each part
 * starts with characters the one before cannot contain, so it cannot backtrack far.
 */
const PHONE_PATTERN = String.raw`\s*(?=[^\d]*(?:\d[^\dxXeE]*){7,15}(?:(?:[xX]|[eE][xX][tT]\.?)\s*\d{1,6})?\s*$)\+?[\d\(\)\.\-]+(?:\s+[\d\(\)\.\-]+)*(?:\s*(?:[xX]|[eE][xX][tT]\.?)\s*\d{1,6})?\s*`;

export const CONTACT_FIELDS = [
  {
    name: 'name', shortLabel: 'Name', label: 'Your name',
    control: 'text', required: true, autocomplete: 'name', maxLength: 100,
    requiredMessage: 'Enter your name',
    tooLongMessage: 'Your name must be 100 characters or fewer',
    invalidMessage: 'Remove any line breaks or tab characters from your name',
  },
  {
    name: 'email', shortLabel: 'Email', label: 'Email address', hint: 'We will only use this to reply to you.',
    control: 'email', required: true, autocomplete: 'email', maxLength: 254,
    requiredMessage: 'Enter your email address, like name@example.com',
    tooLongMessage: 'Your email address must be 254 characters or fewer',
    invalidMessage: 'Enter your email address in the right format, like name@example.com',
  },
  {
    name: 'phone', shortLabel: 'Phone', label: 'Phone number (optional)', hint: 'Include the area code, like (801) 555-0123.',
    control: 'tel', required: false, autocomplete: 'tel', maxLength: 30, pattern: PHONE_PATTERN,
    // Only when the visitor asks for a call: the page makes the field required then, the schema checks it.
    requiredMessage: 'Enter a phone number so we can call you back, or choose email as the way to reach you',
    tooLongMessage: 'Your phone number must be 30 characters or fewer',
    invalidMessage: 'Enter a phone number with its area code, like (801) 555-0123',
  },
  {
    name: 'contactMethod', shortLabel: 'Preferred contact', label: 'How should we get back to you?',
    control: 'radio', required: false, defaultValue: 'either',
    options: [
      { value: 'email', label: 'Email' },
      { value: 'phone', label: 'Phone' },
      { value: 'either', label: 'Either is fine' },
    ],
    requiredMessage: 'Choose how we should get back to you: email, phone or either',
  },
  {
    name: 'role', shortLabel: 'Asking for', label: 'Who are you asking for? (optional)',
    control: 'select', required: false,
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
    name: 'ageGroup', shortLabel: 'Age group', label: 'Age of the person who would have music therapy (optional)',
    control: 'select', required: false,
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
    name: 'setting', shortLabel: 'Setting', label: 'Where would you like sessions?',
    control: 'radio', required: false, defaultValue: 'not-sure',
    // After the locations (src/content/locations/): the page offers the published ones, the function accepts them all.
    options: [{ value: 'not-sure', label: 'Not sure yet' }],
    requiredMessage: 'Choose where you would like sessions, or "Not sure yet"',
  },
  {
    name: 'estimate', shortLabel: 'Good Faith Estimate requested', label: 'I would like a Good Faith Estimate of the expected costs',
    hint: 'For anyone paying for sessions themselves rather than through insurance: the law gives you the right to one.',
    control: 'checkbox', required: false, value: 'yes',
    // Only for a request that posts another value: the page's box sends "yes" or nothing.
    requiredMessage: 'Tick the box if you would like a Good Faith Estimate',
  },
  {
    name: 'message', shortLabel: 'Message', label: 'How can we help?',
    hint: 'Please do not include diagnoses or other medical details. We will talk about those privately.',
    control: 'textarea', required: true, maxLength: 2000,
    requiredMessage: 'Tell us a little about what you are looking for',
    tooLongMessage: 'Your message must be 2,000 characters or fewer',
  },
  {
    name: 'consent', shortLabel: 'Not for medical details or emergencies', label: 'I understand this form is not for medical details or emergencies.',
    hint: 'In an emergency, call 911.',
    control: 'checkbox', required: true, value: 'yes',
    requiredMessage: 'Tick the box to confirm you understand this form is not for medical details or emergencies',
  },
] as const satisfies readonly ContactField[];

type Fields = (typeof CONTACT_FIELDS)[number];

/** One field by name, with its own literal type (its options, its messages). */
export function contactField<N extends Fields['name']>(name: N): Extract<Fields, { name: N }> {
  return CONTACT_FIELDS.find((candidate: ContactField) => candidate.name === name) as Extract<Fields, { name: N }>;
}

/**
 * A location as a setting choice: its id (from its file name) and its `formLabel`, or its title.
 * The form and the studio's email name the choice the same way because both use this.
 */
export function locationChoice(id: string, data: { readonly title: string; readonly formLabel?: string | undefined }): FieldOption {
  return { value: id, label: data.formLabel ?? data.title };
}

/** The answers to "Where would you like sessions?": the published locations, then "Not sure yet". */
export const settingOptions = (locations: readonly FieldOption[]): readonly FieldOption[] => [...locations, ...contactField('setting').options];

/** A trap for bots, hidden from people: named like a field a bot expects. Must be posted empty (or not at all). */
export const HONEYPOT_FIELD = 'website';

/** Set by the form's script: a fresh random id per set of answers, so retries and double clicks send one email. */
export const SUBMISSION_ID_FIELD = 'submissionId';

/** Set by the form's script: how long (ms) the form was on screen when sent, by the browser's own clock. */
export const FILL_TIME_FIELD = 'fillMs';

/** Posts that claim a shorter fill time are treated as bots; the script waits out the rest, so a fast typist is not one. */
export const MINIMUM_FILL_TIME_MS = 3000;

/** The time the function may spend delivering one inquiry, every attempt and wait included; the page waits longer for its answer. */
export const DELIVERY_BUDGET_MS = 9000;

/*
 * The function's checks beyond what a browser checks, for its schema and its settings.
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

/** A ticked box posts its value ("yes"), or "on" if it has none; JSON callers may send `true`. */
const TICKED = new Set(['yes', 'on', 'true']);

export const isTicked = (value: unknown): boolean => value === true || (typeof value === 'string' && TICKED.has(value.trim().toLowerCase()));
