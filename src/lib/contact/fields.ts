/**
 * The contact form, described once: each field's name, labels, hint, limits, pattern and messages.
 * The page renders its controls from this (src/components/contact/), the browser checks them with
 * these messages, and the function makes its zod schema from it (netlify/functions/contact/inquiry.ts).
 */

/** One choice of a radio group or select: `value` is posted, `label` is what people read. */
export interface FieldOption { readonly value: string; readonly label: string }

interface FieldBase {
  /** The control's `name`, and the key in JSON bodies and error objects. */
  readonly name: string;
  readonly label: string;
  /** The answer's name in the studio's email, e.g. "Phone". */
  readonly shortLabel: string;
  readonly hint?: string;
  readonly required: boolean;
  readonly autocomplete?: string;
  /** For a missing answer (`valueMissing`); for a choice, also for an answer not offered. */
  readonly requiredMessage: string;
}

export interface TextField extends FieldBase {
  readonly control: 'text' | 'email' | 'tel' | 'textarea';
  readonly maxLength: number;
  readonly tooLongMessage: string;
  /** An HTML `pattern` (the whole answer must match, `v` flag), checked by the browser and the schema. */
  readonly pattern?: string;
  /** For an answer in the wrong form (`typeMismatch`, `patternMismatch`). */
  readonly invalidMessage?: string;
}

export interface ChoiceField extends FieldBase {
  readonly control: 'radio' | 'select';
  readonly options: readonly FieldOption[];
  /** The answer when the choice is left empty. */
  readonly defaultValue?: string;
}

/** `value` is what the ticked box posts; the function also takes "on" and JSON `true`. */
export interface CheckboxField extends FieldBase { readonly control: 'checkbox'; readonly value: string }

export type ContactField = TextField | ChoiceField | CheckboxField;

/**
 * Loose on purpose, as people write numbers in many ways: 7 to 15 digits (the lookahead counts
 * them) among + ( ) . - and spaces, then an optional extension. Each part starts with characters
 * the one before cannot contain, so it cannot backtrack far.
 */
const PHONE_PATTERN = String.raw`\s*(?=[^\d]*(?:\d[^\dxXeE]*){7,15}(?:(?:[xX]|[eE][xX][tT]\.?)\s*\d{1,6})?\s*$)\+?[\d\(\)\.\-]+(?:\s+[\d\(\)\.\-]+)*(?:\s*(?:[xX]|[eE][xX][tT]\.?)\s*\d{1,6})?\s*`;

export const CONTACT_FIELDS = [
  {
    name: 'name', shortLabel: 'Name', label: 'Your name', control: 'text', required: true, autocomplete: 'name', maxLength: 100,
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
    // Only when the visitor asks for a call: the page then makes the field required, the schema checks it.
    requiredMessage: 'Enter a phone number so we can call you back, or choose email as the way to reach you',
    tooLongMessage: 'Your phone number must be 30 characters or fewer',
    invalidMessage: 'Enter a phone number with its area code, like (801) 555-0123',
  },
  {
    name: 'contactMethod', shortLabel: 'Preferred contact', label: 'How should we get back to you?',
    control: 'radio', required: false, defaultValue: 'either',
    options: [{ value: 'email', label: 'Email' }, { value: 'phone', label: 'Phone' }, { value: 'either', label: 'Either is fine' }],
    requiredMessage: 'Choose how we should get back to you: email, phone or either',
  },
  {
    name: 'role', shortLabel: 'Asking for', label: 'Who are you asking for? (optional)', control: 'select', required: false,
    options: [
      { value: 'myself', label: 'Myself' }, { value: 'family', label: 'My child or a family member' },
      { value: 'school-staff', label: 'I work at a school' }, { value: 'professional', label: 'I am a referring professional' },
      { value: 'other', label: 'Someone else' },
    ],
    requiredMessage: 'Choose who you are asking for from the list',
  },
  {
    name: 'ageGroup', shortLabel: 'Age group', label: 'Age of the person who would have music therapy (optional)', control: 'select', required: false,
    options: [
      { value: 'early-childhood', label: 'Early childhood (0 to 5)' }, { value: 'child', label: 'Child (6 to 12)' },
      { value: 'teen', label: 'Teen (13 to 17)' }, { value: 'adult', label: 'Adult (18 to 64)' },
      { value: 'older-adult', label: 'Older adult (65 and over)' }, { value: 'several-or-not-sure', label: 'Several people, or not sure' },
    ],
    requiredMessage: 'Choose an age group from the list',
  },
  {
    name: 'setting', shortLabel: 'Setting', label: 'Where would you like sessions?', control: 'radio', required: false, defaultValue: 'not-sure',
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
    hint: 'In an emergency, call 911.', control: 'checkbox', required: true, value: 'yes',
    requiredMessage: 'Tick the box to confirm you understand this form is not for medical details or emergencies',
  },
] as const satisfies readonly ContactField[];

type Fields = (typeof CONTACT_FIELDS)[number];

/** One field by name, with its own literal type. */
export const contactField = <N extends Fields['name']>(name: N) => CONTACT_FIELDS.find((field: ContactField) => field.name === name) as Extract<Fields, { name: N }>;

/** A location as a setting choice, named the same in the form and the studio's email: its `formLabel`, else its title. */
export const locationChoice = (id: string, data: { readonly title: string; readonly formLabel?: string | undefined }): FieldOption => ({ value: id, label: data.formLabel ?? data.title });

/** The answers to "Where would you like sessions?": the locations, then "Not sure yet". */
export const settingOptions = (locations: readonly FieldOption[]): readonly FieldOption[] => [...locations, ...contactField('setting').options];

/** A trap for bots, hidden from people and named like a field a bot expects: posted empty or not at all. */
export const HONEYPOT_FIELD = 'website';

/** Set by the form's script: a fresh random id per set of answers, so retries and double clicks send one email. */
export const SUBMISSION_ID_FIELD = 'submissionId';

/** Set by the form's script: how long (ms) the form was on screen when sent. */
export const FILL_TIME_FIELD = 'fillMs';

/** A shorter fill time marks a bot; the script waits out the rest, so a fast typist is not one. */
export const MINIMUM_FILL_TIME_MS = 3000;

/** The time the function may spend delivering one inquiry, every attempt and wait included; the page waits longer. */
export const DELIVERY_BUDGET_MS = 9000;
