/**
 * The contact form's enhancement, and the site's only script. The form works without it (a plain
 * POST and a thank-you page); with it, the inquiry goes as JSON without a page load:
 *
 * - a random submission id per set of answers, so a double click or a retry after a timeout is
 *   one email (the function sends it to Resend as the idempotency key);
 * - how long the form was on screen (`fillMs`), so instant bot posts can be told apart; a person
 *   who sends sooner than the function's minimum just waits out the rest while "Sending" shows;
 * - the submit button is disabled while sending; the result is announced in a live region;
 * - a 422 shows each message next to its field and in the error summary, which takes focus;
 * - any other failure keeps every answer as typed and offers the phone number and an email link.
 *
 * Messages come from the function, which validates with the same schema as the page's controls.
 */

import { FILL_TIME_FIELD, MINIMUM_FILL_TIME_MS } from '../lib/contact/fields.ts';

type Answer = { ok?: boolean; message?: string; errors?: Record<string, string> };

const form = document.querySelector<HTMLFormElement>('form[data-contact-form]');
if (form) enhance(form);

function link(href: string, text: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

function enhance(form: HTMLFormElement): void {
  const summary = document.getElementById('contact-error-summary')!;
  const summaryList = summary.querySelector('ul')!;
  const status = document.getElementById('contact-status')!;
  const button = form.querySelector('button')!;
  const { phone = '', phoneHref = '', email = '' } = form.dataset;
  const shownAt = performance.now();
  let submissionId = '';
  let lastAnswers = '';

  // The function's messages replace the browser's own bubbles, so every error reads the same way.
  form.noValidate = true;

  function say(...parts: (string | Node)[][]): void {
    status.replaceChildren(
      ...parts.map((part) => {
        const paragraph = document.createElement('p');
        paragraph.append(...part);
        return paragraph;
      }),
    );
  }

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
    if (button.disabled) return;
    const answers = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const snapshot = JSON.stringify(answers);
    if (snapshot !== lastAnswers) {
      lastAnswers = snapshot;
      submissionId = crypto.randomUUID?.() ?? '';
    }
    button.disabled = true;
    status.classList.remove('is-error');
    say(['Sending your inquiry…']);

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
    button.disabled = false;
    showErrors(httpStatus === 422 ? (answer.errors ?? {}) : {});

    if (httpStatus === 200 && answer.ok) {
      form.hidden = true;
      say([answer.message ?? 'Thank you. Your inquiry has been sent.']);
      status.focus();
    } else if (httpStatus === 422) {
      say([]);
      summary.focus();
    } else {
      const body = `${answers.message ?? ''}\n\n${answers.name ?? ''}\n${answers.phone ?? ''}`;
      status.classList.add('is-error');
      say(
        [answer.message ?? 'We could not reach our server, so your inquiry may NOT have been sent. Please try again in a moment.'],
        [
          'You can also call us at ',
          link(phoneHref, phone),
          ' or ',
          link(`mailto:${email}?subject=${encodeURIComponent('Inquiry from the website')}&body=${encodeURIComponent(body)}`, `email ${email}`),
          ' (your email app opens with your message).',
        ],
      );
      // The button had focus and was disabled while sending: move focus to the news, not <body>.
      status.focus();
    }
  });
}
