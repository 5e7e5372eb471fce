/**
 * The contact form's enhancement; the form works without it. With it: a link may tick an offered
 * choice (`?setting=school`, `?estimate=yes`); the browser's constraint validation checks the answers
 * in fields.ts's words; the message counts its characters as GOV.UK's does; and the inquiry is sent
 * in place, the outcome told truthfully in the result box, which takes focus.
 */
import { DELIVERY_BUDGET_MS, FILL_TIME_FIELD, MINIMUM_FILL_TIME_MS, SUBMISSION_ID_FIELD } from '../lib/contact/fields.ts';

const byId = (id: string) => document.getElementById(id)!;
const form = document.querySelector<HTMLFormElement>('form[data-contact-form]')!;
const summary = byId('contact-error-summary');
const status = byId('contact-status');
const result = byId('contact-result');
const button = form.querySelector('button')!;
const label = button.textContent;
const shownAt = performance.now();
let lastAnswers = '';
let submissionId = '';
let sending = false;
// The page's messages replace the browser's bubbles, so every error reads the same way.
form.noValidate = true;
const chosen = new URLSearchParams(location.search);
for (const input of form.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]:not([required])')) {
  if (chosen.getAll(input.name).includes(input.value)) input.checked = true;
}

const message = form.querySelector('textarea')!;
const count = byId(`${message.id}-count`);
const limit = message.maxLength;
const characters = (n: number) => `${n.toLocaleString('en-US')} character${n === 1 ? '' : 's'}`;
let pause = 0;
// Nothing is cut: a long paste stays whole, the count says how much is over, and the check refuses it.
message.removeAttribute('maxlength');
const countCharacters = () => {
  const left = limit - [...message.value.trim()].length;
  count.textContent = left > 0 ? `You have ${characters(left)} remaining` : left === 0 ? `You have reached the limit of ${characters(limit)}` : `You have ${characters(-left)} too many`;
  count.classList.toggle('is-over', left < 0);
  message.setCustomValidity(left < 0 ? message.dataset.tooLong! : '');
};
countCharacters();
message.addEventListener('input', () => {
  countCharacters();
  clearTimeout(pause);
  pause = window.setTimeout(() => (form.querySelector('[data-count-live]')!.textContent = count.textContent), 1000);
});

/** Each problem by its field and in the summary (GOV.UK's), which takes focus; none clears them. */
function showProblems(errors: Record<string, string>): void {
  const links: HTMLLIElement[] = [];
  for (const field of form.querySelectorAll<HTMLElement>('[data-field]')) {
    const problem = errors[field.dataset.field!];
    const control = field.querySelector<HTMLInputElement>('input, select, textarea')!;
    const prefix = Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: 'Error: ' });
    field.querySelector('.field-error')!.replaceChildren(...(problem ? [prefix, problem] : []));
    if (problem && control.type !== 'radio') control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    const item = document.createElement('li');
    item.append(Object.assign(document.createElement('a'), { href: `#${control.id}`, textContent: problem }));
    if (problem) links.push(item);
  }
  summary.querySelector('ul')!.replaceChildren(...links);
  summary.hidden = !links.length;
  result.replaceChildren();
  if (links.length) summary.focus();
}

// Summary links move focus into the field itself, not just scroll to it.
summary.addEventListener('click', (event) => {
  const link = (event.target as Element).closest('a');
  if (!link) return;
  event.preventDefault();
  document.getElementById(link.hash.slice(1))?.focus();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (sending) return;
  // Asking for a call without a number leaves the studio nowhere to call.
  (form.elements.namedItem('phone') as HTMLInputElement).required = new FormData(form).get('contactMethod') === 'phone';
  const found: Record<string, string> = {};
  for (const control of form.elements as unknown as Iterable<HTMLInputElement>) {
    const { valid, valueMissing, typeMismatch, patternMismatch } = control.validity;
    if (!valid) found[control.name] ??= (valueMissing ? control.dataset.valueMissing : typeMismatch || patternMismatch ? control.dataset.invalid : '') || control.validationMessage;
  }
  if (Object.keys(found).length) return showProblems(found);
  const answers = Object.fromEntries(new FormData(form)) as Record<string, string>;
  // One id per set of answers: a retry or a double click is one email.
  if (JSON.stringify(answers) !== lastAnswers) [lastAnswers, submissionId] = [JSON.stringify(answers), crypto.randomUUID?.() ?? ''];
  sending = true;
  // Not `disabled`, so the button keeps focus; it says it is sending where the visitor looks, and the live region says it once.
  button.setAttribute('aria-disabled', 'true');
  button.textContent = status.textContent = 'Sending your inquiry…';
  showProblems({});
  // A person quicker than the function's bot threshold waits out the rest of it.
  await new Promise((done) => setTimeout(done, MINIMUM_FILL_TIME_MS + 100 - (performance.now() - shownAt)));
  const timeOut = new AbortController();
  // Longer than the function may spend delivering, plus a cold start: no time-out while it still works.
  setTimeout(() => timeOut.abort(), DELIVERY_BUDGET_MS + 20_000);
  const answer: { httpStatus?: number; ok?: boolean; message?: string; errors?: Record<string, string> } = await fetch(form.action, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, signal: timeOut.signal,
    body: JSON.stringify({ ...answers, [SUBMISSION_ID_FIELD]: submissionId, [FILL_TIME_FIELD]: Math.round(performance.now() - shownAt) }),
  })
    .then(async (response) => ({ ...(await response.json()), httpStatus: response.status }))
    // No answer, a time-out or an unreadable one: we cannot know whether it went, and say so.
    .catch(() => ({}));
  const sent = answer.httpStatus === 200 && answer.ok === true;
  sending = false;
  button.removeAttribute('aria-disabled');
  button.textContent = label;
  // Emptying the live region announces nothing; the focused result is read instead.
  status.textContent = '';
  if (Object.keys(answer.errors ?? {}).length) return showProblems(answer.errors!);
  const news = (byId(sent ? 'contact-sent' : 'contact-not-confirmed') as HTMLTemplateElement).content.cloneNode(true) as DocumentFragment;
  if (!sent) {
    if (answer.message) news.querySelector('[data-reason]')!.textContent = answer.message;
    const body = `${answers.message ?? ''}\n\n${answers.name ?? ''}\n${answers.phone ?? ''}`;
    news.querySelector<HTMLAnchorElement>('[data-mailto]')!.href += `?subject=${encodeURIComponent('Inquiry from the website')}&body=${encodeURIComponent(body)}`;
  }
  result.classList.toggle('is-error', !sent);
  result.replaceChildren(news);
  // Focus first, then hide the form (the button had focus), so focus is never lost.
  result.focus();
  byId('contact-before-sent').hidden = sent;
});
