/**
 * The contact form's enhancement; the form works without it (a plain POST and a thank-you page).
 * With it:
 *
 * - a link may choose an answer the form offers: `/contact/?setting=school`, `/contact/?estimate=yes`
 *   (a radio button or a box nobody has to tick; anything else in the address is ignored);
 * - the browser's constraint validation checks the answers before anything is sent, in the words
 *   each control carries for its validity state (from fields.ts); problems show by each field and
 *   in the error summary, which takes focus. The function checks again, and its 422 shows the same way;
 * - the message counts its characters as GOV.UK's character count does: nothing is cut (a paste
 *   stays whole), the count says what remains or is over, politely, once typing pauses;
 * - the inquiry goes as JSON with a submission id per set of answers (a retry or a double click is
 *   one email) and the time the form was on screen (a person faster than the bot threshold waits);
 * - while sending, the button says so and keeps focus: `aria-disabled`, never `disabled`;
 * - the outcome goes to the result box, which takes focus: the thank-you page's words, or the
 *   function's reason (or, with no answer, that we could not confirm it) with the phone number.
 */

import { DELIVERY_BUDGET_MS, FILL_TIME_FIELD, MINIMUM_FILL_TIME_MS, SUBMISSION_ID_FIELD } from '../lib/contact/fields.ts';

type Answer = { ok?: boolean; message?: string; errors?: Record<string, string> };
type Control = HTMLInputElement & HTMLTextAreaElement;

/** Longer than the function may spend delivering, plus a cold start and a slow connection: never a time-out while it still works. */
const ANSWER_WAIT_MS = DELIVERY_BUDGET_MS + 20_000;
/** The validity states fields.ts has words for, as data attributes of the same name. */
const STATES = ['valueMissing', 'typeMismatch', 'patternMismatch', 'tooLong'] as const;

const byId = (id: string) => document.getElementById(id)!;
const form = document.querySelector<HTMLFormElement>('form[data-contact-form]');
if (form) enhance(form);

function enhance(form: HTMLFormElement): void {
  const summary = byId('contact-error-summary');
  const status = byId('contact-status');
  const result = byId('contact-result');
  const button = form.querySelector('button')!;
  const label = button.textContent;
  const shownAt = performance.now();
  let submissionId = '';
  let lastAnswers = '';
  let sending = false;

  // The page's messages replace the browser's own bubbles, so every error reads the same way.
  form.noValidate = true;
  for (const [name, value] of new URLSearchParams(location.search)) {
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]:not([required])')) {
      if (input.name === name && input.value === value) input.checked = true;
    }
  }
  const message = form.querySelector<Control>('textarea[maxlength]');
  if (message) countCharacters(message);

  /** Each answer's first problem, by field name, in form order. */
  function problems(): Record<string, string> {
    // Asking for a call without a number leaves the studio nowhere to call.
    (form.elements.namedItem('phone') as HTMLInputElement).required = new FormData(form).get('contactMethod') === 'phone';
    const found: Record<string, string> = {};
    for (const control of form.elements as unknown as Iterable<Control>) {
      if (!control.willValidate || control.validity.valid || found[control.name]) continue;
      const state = STATES.find((name) => control.validity[name]);
      found[control.name] = (state && control.dataset[state]) || control.validationMessage;
    }
    return found;
  }

  function showErrors(errors: Record<string, string>): void {
    const items: HTMLLIElement[] = [];
    for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
      const error = byId(`contact-${wrapper.dataset.field}-error`);
      const problem = errors[wrapper.dataset.field!];
      const control = wrapper.querySelector<HTMLElement>('[data-described]') ?? wrapper;
      const describedBy = [control.dataset.described, problem && error.id].filter(Boolean).join(' ');
      error.lastElementChild!.textContent = problem ?? '';
      error.hidden = !problem;
      wrapper.classList.toggle('has-error', !!problem);
      if (describedBy) control.setAttribute('aria-describedby', describedBy);
      else control.removeAttribute('aria-describedby');
      if (problem && control !== wrapper) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      if (!problem) continue;
      const item = document.createElement('li');
      item.append(Object.assign(document.createElement('a'), { href: `#${wrapper.dataset.focus}`, textContent: problem }));
      items.push(item);
    }
    summary.querySelector('ul')!.replaceChildren(...items);
    summary.hidden = !items.length;
  }

  function showProblems(errors: Record<string, string>): void {
    showErrors(errors);
    result.replaceChildren();
    summary.focus();
  }

  // Summary links move focus into the field itself, not just scroll to it.
  summary.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a');
    const field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    const found = problems();
    if (Object.keys(found).length) return showProblems(found);

    const answers = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const snapshot = JSON.stringify(answers);
    if (snapshot !== lastAnswers) {
      lastAnswers = snapshot;
      submissionId = crypto.randomUUID?.() ?? '';
    }
    sending = true;
    button.setAttribute('aria-disabled', 'true');
    // On the button, where the visitor is looking; said once in the live region.
    button.textContent = status.textContent = 'Sending your inquiry…';
    showErrors({});
    result.replaceChildren();

    let httpStatus = 0;
    let answer: Answer = {};
    const early = MINIMUM_FILL_TIME_MS + 100 - (performance.now() - shownAt);
    if (early > 0) await new Promise((done) => setTimeout(done, early));
    const timeOut = new AbortController();
    const timer = setTimeout(() => timeOut.abort(), ANSWER_WAIT_MS);
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...answers, [SUBMISSION_ID_FIELD]: submissionId, [FILL_TIME_FIELD]: Math.round(performance.now() - shownAt) }),
        signal: timeOut.signal,
      });
      httpStatus = response.status;
      answer = await response.json();
    } catch {
      // No answer, a time-out or an unreadable one: we cannot know whether it went, and say so below.
    }
    clearTimeout(timer);
    sending = false;
    button.removeAttribute('aria-disabled');
    button.textContent = label;
    // "Sending" is over; emptying the live region announces nothing.
    status.textContent = '';

    if (httpStatus === 422) return showProblems(answer.errors ?? {});
    const sent = httpStatus === 200 && answer.ok === true;
    const news = (byId(sent ? 'contact-sent' : 'contact-not-confirmed') as HTMLTemplateElement).content.cloneNode(true) as DocumentFragment;
    if (!sent) {
      if (answer.message) news.querySelector('[data-reason]')!.textContent = answer.message;
      const body = `${answers.message ?? ''}\n\n${answers.name ?? ''}\n${answers.phone ?? ''}`;
      news.querySelector<HTMLAnchorElement>('[data-mailto]')!.href += `?subject=${encodeURIComponent('Inquiry from the website')}&body=${encodeURIComponent(body)}`;
    }
    result.classList.toggle('is-error', !sent);
    result.replaceChildren(news);
    // Focus first, then hide what came before (the button had focus), so focus is never lost.
    result.focus();
    if (sent) byId('contact-before-sent').hidden = true;
  });
}

/** What remains of the message's limit, shown below it and announced politely once typing pauses. */
function countCharacters(message: Control): void {
  const count = byId(`${message.id}-count`);
  const live = count.parentElement!.querySelector('[data-count-live]')!;
  const limit = message.maxLength;
  const characters = (n: number) => `${n.toLocaleString('en-US')} character${n === 1 ? '' : 's'}`;
  let pause = 0;
  message.removeAttribute('maxlength');
  const update = () => {
    const left = limit - [...message.value.trim()].length;
    count.textContent = left > 0 ? `You have ${characters(left)} remaining` : left === 0 ? `You have reached the limit of ${characters(limit)}` : `You have ${characters(-left)} too many`;
    count.classList.toggle('is-over', left < 0);
    message.setCustomValidity(left < 0 ? message.dataset.tooLong! : '');
  };
  update();
  message.addEventListener('input', () => {
    update();
    clearTimeout(pause);
    pause = window.setTimeout(() => (live.textContent = count.textContent), 1000);
  });
}
