/**
 * The contact form's enhancement, and the site's only script. The form works without it (a plain
 * POST and a thank-you page); with it, the inquiry goes as JSON without a page load:
 *
 * - the answers are checked first, in the page, by the function's own rules and words
 *   (`answerProblems` in fields.ts, with the limits and messages the form carries in `data-checks`):
 *   empty or malformed answers are shown at once, next to each field and in the error summary,
 *   which takes focus; nothing is sent and nobody waits;
 * - a random submission id per set of answers, so a double click or a retry after a timeout is
 *   one email (the function sends it to Resend as the idempotency key);
 * - how long the form was on screen (`fillMs`), so instant bot posts can be told apart; a person
 *   who sends sooner than the function's minimum just waits out the rest while "Sending" shows;
 * - while sending, focus stays on the button: it is marked `aria-disabled` (never `disabled`, which
 *   would drop focus to the page) and further presses are ignored; "Sending" is said once in the
 *   polite live region;
 * - the outcome is written to the result box, which takes focus (it is not a live region, so a
 *   screen reader reads it once); a 422 shows the function's messages as above;
 * - any other failure keeps every answer as typed and offers the phone number and an email link
 *   (the form's `#contact-not-sent` template, so those words live in the page).
 */

import { FILL_TIME_FIELD, MINIMUM_FILL_TIME_MS, answerProblems } from '../lib/contact/fields.ts';
import type { FieldCheck } from '../lib/contact/fields.ts';

type Answer = { ok?: boolean; message?: string; errors?: Record<string, string> };

const form = document.querySelector<HTMLFormElement>('form[data-contact-form]');
if (form) enhance(form);

function link(href: string, text: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

/** Replaces an element's content with one paragraph of text. */
function write(element: HTMLElement, text: string): void {
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  element.replaceChildren(paragraph);
}

function enhance(form: HTMLFormElement): void {
  const summary = document.getElementById('contact-error-summary')!;
  const summaryList = summary.querySelector('ul')!;
  const status = document.getElementById('contact-status')!;
  const result = document.getElementById('contact-result')!;
  const button = form.querySelector('button')!;
  const notSent = document.getElementById('contact-not-sent') as HTMLTemplateElement;
  const shownAt = performance.now();
  let submissionId = '';
  let lastAnswers = '';
  let sending = false;

  // The page's messages replace the browser's own bubbles, so every error reads the same way.
  form.noValidate = true;

  function showErrors(errors: Record<string, string>): void {
    summaryList.replaceChildren();
    for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
      const message = errors[wrapper.dataset.field!];
      const control = wrapper.querySelector<HTMLElement>('[data-described]') ?? wrapper;
      const error = wrapper.querySelector<HTMLElement>('.field-error')!;
      const describedBy = control.dataset.described!.split(' ').filter(Boolean);
      error.querySelector('[data-error-text]')!.textContent = message ?? '';
      error.hidden = !message;
      wrapper.classList.toggle('has-error', !!message);
      if (message) {
        describedBy.push(error.id);
        const item = document.createElement('li');
        item.append(link(`#${wrapper.dataset.focus}`, message));
        summaryList.append(item);
      }
      if (control !== wrapper) {
        if (message) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
      }
      if (describedBy.length) control.setAttribute('aria-describedby', describedBy.join(' '));
      else control.removeAttribute('aria-describedby');
    }
    summary.hidden = !summaryList.children.length;
  }

  /** Problems to fix: shown by each field and in the summary, which takes focus. */
  function showProblems(errors: Record<string, string>): void {
    showErrors(errors);
    result.replaceChildren();
    summary.focus();
  }

  // Summary links move focus into the field itself, not just scroll to it.
  summary.addEventListener('click', (event) => {
    const target = (event.target as Element).closest('a');
    const field = target && document.getElementById(target.hash.slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    const answers = Object.fromEntries(new FormData(form)) as Record<string, string>;
    let problems: Record<string, string> = {};
    try {
      problems = answerProblems(answers, JSON.parse(form.dataset.checks!) as FieldCheck[]);
    } catch {
      // A browser without something the checks use: the function checks everything anyway.
    }
    if (Object.keys(problems).length) return showProblems(problems);

    const snapshot = JSON.stringify(answers);
    if (snapshot !== lastAnswers) {
      lastAnswers = snapshot;
      submissionId = crypto.randomUUID?.() ?? '';
    }
    sending = true;
    button.setAttribute('aria-disabled', 'true');
    showErrors({});
    result.replaceChildren();
    write(status, 'Sending your inquiry…');

    let httpStatus = 0;
    let answer: Answer = {};
    const early = MINIMUM_FILL_TIME_MS + 100 - (performance.now() - shownAt);
    if (early > 0) await new Promise((done) => setTimeout(done, early));
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...answers, submissionId, [FILL_TIME_FIELD]: Math.round(performance.now() - shownAt) }),
        signal: AbortSignal.timeout(20000),
      });
      httpStatus = response.status;
      answer = await response.json();
    } catch {
      // No answer, a timeout or an unreadable one: reported below as possibly not sent.
    }
    sending = false;
    button.removeAttribute('aria-disabled');
    // "Sending" is over; emptying the live region announces nothing.
    status.replaceChildren();

    if (httpStatus === 422) return showProblems(answer.errors ?? {});
    result.classList.toggle('is-error', !(httpStatus === 200 && answer.ok));
    if (httpStatus === 200 && answer.ok) {
      write(result, answer.message ?? 'Thank you. Your inquiry has been sent.');
      // Focus first, then hide the form (and the button that had focus), so focus is never lost.
      result.focus();
      form.hidden = true;
      return;
    }
    // The page's own words (the template), with the function's reason when it gave one.
    const news = notSent.content.cloneNode(true) as DocumentFragment;
    if (answer.message) news.querySelector('[data-reason]')!.textContent = answer.message;
    const body = `${answers.message ?? ''}\n\n${answers.name ?? ''}\n${answers.phone ?? ''}`;
    news.querySelector<HTMLAnchorElement>('[data-mailto]')!.href += `?subject=${encodeURIComponent('Inquiry from the website')}&body=${encodeURIComponent(body)}`;
    result.replaceChildren(news);
    result.focus();
  });
}
