/**
 * The contact form, described as plain data: one truth for two users. The form page renders its
 * controls from this list (name, label, type, required, maxlength, autocomplete, hints, options)
 * and the function (netlify/functions/contact/inquiry.ts) builds the zod schema it validates with
 * from it, so a limit or a message is changed here once and both sides follow.
 *
 * Messages speak to the visitor: what to do, with an example, never what went wrong internally.
 */

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

/** The names of the fields people fill in, in form (and email) order. */
export type ContactFieldName = (typeof CONTACT_FIELDS)[number]['name'];

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
