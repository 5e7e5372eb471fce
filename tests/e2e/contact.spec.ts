import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page, Request, Route } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { collectConsoleErrors } from './support/console-errors.ts';
import { contentEntries } from '../support/content.ts';
import { getSiteSettings } from '../../src/lib/site-settings.ts';
import { DELIVERY_BUDGET_MS, MINIMUM_FILL_TIME_MS } from '../../src/lib/contact/fields.ts';

/**
 * The contact form in a real browser against the built site, with and without JavaScript and by
 * keyboard. Real sends go through the function to the local outbox (playwright.config.ts); what the
 * page does with each kind of answer (not sent, unconfirmed, none at all) is tested by answering its
 * post in the browser, as the function would, so no test waits for a real time-out.
 */

const RESULT = '#contact-result';
const OUTBOX = 'test-results/outbox';
const PHONE = '(801) 555-0142';
const CONSENT = 'I understand this form is not for medical details or emergencies.';
const ESTIMATE = 'I would like a Good Faith Estimate of the expected costs';
const NOT_SENT = 'Sorry, your inquiry was NOT sent because our email service is not responding. Please try again in a few minutes, or please call us at (801) 555-0142.';
const UNCONFIRMED = 'We could not confirm that your inquiry was sent. Sending it again will not send it twice.';
const { replyTime } = await getSiteSettings();

/** The thank-you page's words (src/content/pages/contact/thanks.md), which the contact page also shows once sent. */
type NextSteps = { heading: string; steps: { title: string; text: string }[] };
const THANKS = contentEntries<{ heading: string; nextSteps: NextSteps }>('pages').find(({ id }) => id === 'contact/thanks')!.data;
const STEP_TITLES = THANKS.nextSteps.steps.map((step) => step.title.replace('{replyTime}', replyTime));
const nextSteps = (page: Page) => page.locator('.next-steps').filter({ has: page.getByRole('heading', { name: THANKS.nextSteps.heading }) });
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A message no other test sends, to find this test's inquiry in the shared outbox. */
const uniqueMessage = () => `Test inquiry ${randomUUID()}: we would like to hear about sessions for our son.`;

async function fillValidInquiry(page: Page, message = uniqueMessage()) {
  await page.getByLabel('Your name').fill('Test Parent');
  await page.getByLabel('Email address').fill('test@example.com');
  await page.getByLabel('Phone number (optional)').fill('(801) 555-0123');
  await page.getByLabel('Who are you asking for? (optional)').selectOption({ label: 'My child or a family member' });
  await page.getByLabel('In your home').check();
  await page.getByLabel('How can we help?').fill(message);
  await page.getByLabel(CONSENT).check();
}

/** The page's posts from now on. */
function postsFrom(page: Page): Request[] {
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request);
  });
  return posts;
}

/** Answers the page's posts in the browser as the function would, one answer per post (the last one repeats); a function answers it itself. */
async function answerPosts(page: Page, ...answers: ({ status: number; body?: object } | 'network-failure' | ((route: Route) => Promise<void>))[]) {
  await page.route('**/api/contact', async (route) => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer === 'network-failure') return route.abort('connectionrefused');
    if (typeof answer === 'function') return answer(route);
    await route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body ?? {}) });
  });
}

/** Where the behaviour under test is not the fill-time wait, the page's clock skips it. */
async function openForm(page: Page, path = '/contact/') {
  await page.clock.install();
  await page.goto(path);
  await page.clock.fastForward(MINIMUM_FILL_TIME_MS + 500);
}

/** Watches focus from inside the page: each element that gains it, and each moment it is on <body>. */
async function watchFocus(page: Page) {
  await page.addInitScript(() => {
    const log: string[] = [];
    const name = (element: Element | null) => (element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}` : 'nothing');
    const note = (what: string) => log.at(-1) !== what && log.push(what);
    const sample = () => (document.activeElement === null || document.activeElement === document.body) && note('body');
    Object.assign(window, { focusLog: { log, mark: () => log.splice(0, log.length, `start ${name(document.activeElement)}`) } });
    document.addEventListener('focusin', (event) => note(name(event.target as Element)), true);
    document.addEventListener('focusout', (event) => !(event as FocusEvent).relatedTarget && queueMicrotask(sample), true);
    setInterval(sample, 10);
    const everyFrame = () => (sample(), requestAnimationFrame(everyFrame));
    requestAnimationFrame(everyFrame);
  });
  type Log = { log: string[]; mark: () => void };
  return {
    mark: () => page.evaluate(() => (window as unknown as { focusLog: Log }).focusLog.mark()),
    record: () => page.evaluate(() => [...(window as unknown as { focusLog: Log }).focusLog.log]),
  };
}

/** Presses Tab until `target` has focus (at most `limit` presses). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 60) {
  for (let step = 0; step < limit; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The outbox's .eml files that contain `text`, each with its Subject decoded (RFC 2047, as the outbox writes a non-ASCII one). */
async function outboxEmails(text: string): Promise<string[]> {
  const names = (await readdir(OUTBOX).catch(() => [] as string[])).filter((file) => file.endsWith('.eml'));
  const emails = await Promise.all(names.map((name) => readFile(join(OUTBOX, name), 'utf8')));
  const decoded = (word: string) => (/^=\?UTF-8\?B\?(.*)\?=$/.exec(word) ? Buffer.from(word.slice(10, -2), 'base64').toString('utf8') : word);
  return emails.filter((eml) => eml.includes(text)).map((eml) => eml.replace(/^Subject: (.*(?:\n .*)*)$/m, (_line, value: string) => `Subject: ${value.split('\n ').map(decoded).join('')}`));
}

test.describe('before writing', () => {
  test('labelled controls, hints, required answers, the count, the honeypot out of reach, the locations in order, what happens next above', async ({ page }) => {
    await page.goto('/contact/');
    await expect(page.locator('form[action="/api/contact"][method="post"]')).toBeVisible();
    await expect(page.getByLabel('Your name')).toHaveAttribute('autocomplete', 'name');
    await expect(page.getByLabel('Email address')).toHaveAttribute('type', 'email');
    for (const required of ['Your name', 'Email address', 'How can we help?', CONSENT]) await expect(page.getByLabel(required)).toHaveAttribute('required', '');
    await expect(page.getByLabel('Phone number (optional)')).not.toHaveAttribute('required');
    await expect(page.getByLabel('Phone number (optional)')).toHaveAccessibleDescription('Include the area code, like (801) 555-0123.');
    // With JavaScript the limit is a character count; without it, the maxlength (no-javascript.spec.ts).
    await expect(page.getByLabel('How can we help?')).toHaveAccessibleDescription(/Please do not include diagnoses .* You have 2,000 characters remaining$/);
    await expect(page.getByRole('textbox', { name: 'Leave this field empty' })).toHaveCount(0);
    await expect(page.locator('#contact-website')).toHaveAttribute('tabindex', '-1');

    type Location = { title: string; formLabel?: string; order?: number; draft?: boolean };
    const published = contentEntries<Location>('locations')
      .filter((location) => !location.data.draft)
      .sort((a, b) => (a.data.order ?? 100) - (b.data.order ?? 100) || a.id.localeCompare(b.id));
    const choices = page.getByRole('group', { name: 'Where would you like sessions?' }).getByRole('radio');
    await expect(choices).toHaveCount(published.length + 1);
    for (const [index, { id, data }] of published.entries()) {
      await expect(choices.nth(index)).toHaveAccessibleName(data.formLabel ?? data.title);
      await expect(choices.nth(index)).toHaveAttribute('value', id);
    }
    await expect(choices.last()).toHaveAccessibleName('Not sure yet');
    await expect(choices.last()).toBeChecked();

    // The titles of what happens next, above the form; the full steps wait until it is sent.
    const steps = nextSteps(page);
    await expect(steps.getByRole('listitem')).toHaveText(STEP_TITLES);
    expect(await steps.evaluate((section) => Boolean(section.compareDocumentPosition(document.querySelector('form')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    await expect(page.getByRole('heading', { name: THANKS.heading })).toHaveCount(0);
  });

  test('a link chooses an answer the form offers (a location, the estimate) and nothing else; without JavaScript the form opens as it is', async ({ browser, page }) => {
    await page.goto('/locations/school/');
    await expect(page.getByRole('link', { name: 'Request information' }).first()).toHaveAttribute('href', '/contact/?setting=school');
    await page.getByRole('link', { name: 'Request information' }).first().click();
    const setting = page.getByRole('group', { name: 'Where would you like sessions?' });
    await expect(setting.getByLabel('At school')).toBeChecked();
    await expect(page.getByLabel(ESTIMATE)).not.toBeChecked();

    await page.goto('/fees/');
    const link = page.locator('main a[href="/contact/?estimate=yes"]');
    await expect(link.locator('xpath=ancestor::p')).toContainText(ESTIMATE);
    await link.click();
    await expect(page.getByLabel(ESTIMATE)).toBeChecked();

    await page.goto('/contact/?setting=on-the-moon&estimate=maybe&name=Someone&consent=yes');
    await expect(setting.getByLabel('Not sure yet')).toBeChecked();
    await expect(page.getByLabel(ESTIMATE)).not.toBeChecked();
    await expect(page.getByLabel('Your name')).toHaveValue('');
    // The confirmation that the form is not for emergencies is the visitor's own to tick.
    await expect(page.getByLabel(CONSENT)).not.toBeChecked();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto('/contact/?setting=school&estimate=yes');
    await expect(noScript.getByLabel('Not sure yet')).toBeChecked();
    await expect(noScript.getByLabel(ESTIMATE)).not.toBeChecked();
    await context.close();
  });
});

test.describe('through the function to the outbox', () => {
  test('with JavaScript: sent without a page load, announced, in the outbox once, then the thank-you page\'s words and "What happens next" once', async ({ page }) => {
    const message = uniqueMessage();
    // The post is held until "Sending" has been seen, then goes on to the real function.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await answerPosts(page, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto('/contact/?estimate=yes');
    // Sent at once, faster than the function's bot threshold: the script waits out the rest, so a quick person is not taken for a bot.
    await fillValidInquiry(page, message);
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    const status = page.getByRole('status');
    await expect(status).toHaveText('Sending your inquiry…');
    release();
    const result = page.locator(RESULT);
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    await expect(result).toBeFocused();
    // Said once: the live region empties (which announces nothing); the focused result is read instead.
    await expect(status).toBeEmpty();
    await expect(page).toHaveURL(/\/contact\/\?estimate=yes$/);
    await expect(page.locator('form[data-contact-form]')).toBeHidden();
    await expect(page.getByRole('heading', { name: THANKS.nextSteps.heading })).toHaveCount(1);
    await expect(nextSteps(page).filter({ visible: true })).toHaveCount(1);
    const emails = await outboxEmails(message);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatch(/^Subject: Good Faith Estimate requested — Website inquiry from Test Parent \(In your home\)$/m);
    expect(emails[0]).toContain('Good Faith Estimate requested: Yes\n');
    await expectNoAxeViolations(page);

    const shown = words(await result.innerText());
    await page.goto('/contact/thanks/');
    expect(shown).toBe(words(await page.locator('main article').innerText()));
  });

  test('with JavaScript off: a plain post lands on the thank-you page, and the outbox has it once', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const message = uniqueMessage();
    await page.goto('/contact/');
    await fillValidInquiry(page, message);
    await page.getByLabel(ESTIMATE).check();
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    await expect(page).toHaveURL(/\/contact\/thanks\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(THANKS.heading);
    await expect(nextSteps(page).getByRole('listitem').locator('strong')).toHaveText(STEP_TITLES);
    await expect(page.locator('main .prose').getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:+18015550142');
    const emails = await outboxEmails(message);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toContain('Good Faith Estimate requested: Yes\n');
    await context.close();
  });

  test('with JavaScript off, an answer the function refuses gets its accessible error page', async ({ browser, page: javaScriptPage }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/contact/');
    await fillValidInquiry(page);
    // The browser checks required fields, email syntax and the phone's pattern; an address without a top-level domain only the function refuses.
    await page.getByLabel('Email address').fill('test@example');
    const answer = page.waitForResponse('**/api/contact');
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    const response = await answer;
    expect(response.status()).toBe(422);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
    await expect(page.getByRole('alert').getByRole('listitem')).toHaveText(['Enter your email address in the right format, like name@example.com']);
    await expect(page.getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:+18015550142');
    await expect(page.getByRole('link', { name: 'Return to the contact form' })).toHaveAttribute('href', '/contact/');
    const html = await response.text();
    const csp = response.headers()['content-security-policy'] ?? '';
    await context.close();

    // axe needs JavaScript: the same page with its own CSP, replayed; no CSP report, as its style is allowed by hash.
    const errors = collectConsoleErrors(javaScriptPage);
    await javaScriptPage.route('**/error-page-replay/', (route) =>
      route.fulfill({ status: 200, body: html, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp } }),
    );
    await javaScriptPage.goto('/error-page-replay/');
    await expect(javaScriptPage.locator('.error-summary')).toHaveCSS('border-top-width', '4px');
    await expectNoAxeViolations(javaScriptPage);
    expect(errors).toEqual([]);
  });
});

test.describe('checked in the page, by the function\'s rules', () => {
  test('errors at once: the summary takes focus, each field shows its message and is tied to it, its link leads to the field', async ({ page }) => {
    const posts = postsFrom(page);
    await page.goto('/contact/');
    const email = page.getByLabel('Email address');
    await email.fill('not-an-email');
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    const summary = page.locator('#contact-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'Enter your name',
      'Enter your email address in the right format, like name@example.com',
      'Tell us a little about what you are looking for',
      'Tick the box to confirm you understand this form is not for medical details or emergencies',
    ]);
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription('We will only use this to reply to you. Error: Enter your email address in the right format, like name@example.com');
    await expect(page.getByLabel('Your name')).toHaveAccessibleDescription('Error: Enter your name');
    await expect(email).toHaveValue('not-an-email');
    await expectNoAxeViolations(page);
    await summary.getByRole('link', { name: 'Enter your name' }).click();
    await expect(page.getByLabel('Your name')).toBeFocused();

    // Fixed answers lose their errors on the next send; a malformed phone, a call without a number, an internationalized email.
    await fillValidInquiry(page);
    await email.fill('ann@bücher.de');
    await page.getByLabel('Phone number (optional)').fill('call me maybe');
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await expect(summary.getByRole('link')).toHaveText(['Enter a phone number with its area code, like (801) 555-0123']);
    await expect(page.getByLabel('Your name')).not.toHaveAttribute('aria-invalid');
    await expect(page.getByLabel('Your name')).toHaveAccessibleDescription('');
    await page.getByLabel('Phone number (optional)').fill('');
    await page.getByLabel('Phone', { exact: true }).check();
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await expect(summary.getByRole('link')).toHaveText(['Enter a phone number so we can call you back, or choose email as the way to reach you']);
    await expect(page.getByLabel('Phone number (optional)')).toHaveAccessibleDescription(
      'Include the area code, like (801) 555-0123. Error: Enter a phone number so we can call you back, or choose email as the way to reach you',
    );
    expect(posts).toEqual([]);
  });

  test('a character count: what remains, the limit reached, what is over (a paste stays whole), said politely; over the limit nothing is sent', async ({ page }) => {
    const posts = postsFrom(page);
    await page.goto('/contact/');
    const message = page.getByLabel('How can we help?');
    const live = page.locator('[data-count-live]');
    await expect(live).toHaveAttribute('aria-live', 'polite');
    await message.fill('Hello');
    await expect(live).toHaveText('You have 1,995 characters remaining');
    await expect(message).toHaveAccessibleDescription(/You have 1,995 characters remaining/);
    await message.fill('m'.repeat(2000));
    await expect(live).toHaveText('You have reached the limit of 2,000 characters');
    await fillValidInquiry(page, 'p'.repeat(5000));
    await expect(message).toHaveValue('p'.repeat(5000));
    await expect(live).toHaveText('You have 3,000 characters too many');
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await expect(page.locator('#contact-error-summary').getByRole('link')).toHaveText(['Your message must be 2,000 characters or fewer']);
    expect(posts).toEqual([]);
  });
});

test.describe('the truth on each answer', () => {
  test('NOT sent: the function\'s reason, the phone and a ready email, every answer kept; sent again with the same id, then "What happens next" once', async ({ page }) => {
    const posts = postsFrom(page);
    await answerPosts(page, { status: 503, body: { ok: false, message: NOT_SENT, phone: PHONE } }, { status: 200, body: { ok: true } });
    await openForm(page);
    const message = uniqueMessage();
    await fillValidInquiry(page, message);
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    const result = page.locator(RESULT);
    await expect(result.locator('[data-reason]')).toHaveText(NOT_SENT);
    await expect(result).toBeFocused();
    await expect(result.getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:+18015550142');
    await expect(result.getByRole('link', { name: /^email / })).toHaveAttribute('href', /^mailto:.*\?subject=Inquiry%20from%20the%20website&body=Test%20inquiry/);
    await expect(page.getByRole('status')).toBeEmpty();
    await expect(page.getByLabel('How can we help?')).toHaveValue(message);
    await expect(page.getByLabel(CONSENT)).toBeChecked();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    await expect(page.getByRole('heading', { name: THANKS.nextSteps.heading })).toHaveCount(1);
    const ids = posts.map((post) => post.postDataJSON().submissionId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  test('the function\'s 504 "unconfirmed", and a network failure: could not confirm, sending again is safe, the phone, the answers kept', async ({ page }) => {
    const unconfirmed = `${UNCONFIRMED} Please call us at ${PHONE}.`;
    await answerPosts(page, { status: 504, body: { ok: false, message: unconfirmed, phone: PHONE } }, 'network-failure');
    await openForm(page);
    await fillValidInquiry(page);
    const result = page.locator(RESULT);
    for (const reason of [unconfirmed, UNCONFIRMED]) {
      await page.getByRole('button', { name: 'Send inquiry' }).click();
      await expect(result.locator('[data-reason]')).toHaveText(reason);
      await expect(result).toBeFocused();
      await expect(result.getByRole('link', { name: PHONE })).toBeVisible();
      await expect(result).not.toContainText('NOT sent');
      await expect(page.getByLabel('Your name')).toHaveValue('Test Parent');
    }
  });

  test('no answer: the page waits beyond the function\'s delivery budget, then says it could not confirm it', async ({ page }) => {
    await answerPosts(page, () => new Promise(() => {}));
    await openForm(page);
    await fillValidInquiry(page);
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    const button = page.locator('form[data-contact-form] button');
    const result = page.locator(RESULT);
    await expect(button).toHaveText('Sending your inquiry…');
    await page.clock.runFor(DELIVERY_BUDGET_MS + 15_000);
    await expect(button).toHaveText('Sending your inquiry…');
    await expect(result).toBeEmpty();
    await page.clock.runFor(10_000);
    await expect(result.locator('[data-reason]')).toHaveText(UNCONFIRMED);
    await expect(result.getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:+18015550142');
    await expect(result).toBeFocused();
    await expect(button).toHaveText('Send inquiry');
  });

  test('a double click sends once', async ({ page }) => {
    const posts = postsFrom(page);
    await answerPosts(page, { status: 200, body: { ok: true } });
    await openForm(page);
    await fillValidInquiry(page);
    await page.getByRole('button', { name: 'Send inquiry' }).dblclick();
    await expect(page.locator(RESULT).getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    expect(posts).toHaveLength(1);
  });
});

test.describe('on a phone-sized screen with reduced motion, by keyboard: focus is never lost', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });

  test('an empty form goes to the summary at once; then every field by keyboard, sent with focus kept on the button, one post', async ({ page }) => {
    const focus = await watchFocus(page);
    let release = () => {};
    await answerPosts(page, async (route) => {
      await new Promise<void>((resolve) => (release = resolve));
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true }) });
    });
    const posts = postsFrom(page);
    await openForm(page);
    // Found by place, not by name: while sending, its name says so.
    const button = page.locator('form[data-contact-form] button');
    const summary = page.locator('#contact-error-summary');

    await tabTo(page, button);
    await focus.mark();
    await page.keyboard.press('Enter');
    await expect(summary).toBeFocused();
    expect(await focus.record()).toEqual(['start button', 'div#contact-error-summary']);
    await expect(summary.getByRole('link')).toHaveCount(4);
    await page.keyboard.press('Tab');
    await expect(summary.getByRole('link', { name: 'Enter your name' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Your name')).toBeFocused();

    await page.keyboard.type('Test Parent');
    await page.keyboard.press('Tab');
    await page.keyboard.type('test@example.com');
    await page.keyboard.press('Tab'); // phone, left empty
    await page.keyboard.press('Tab'); // preferred contact: the checked radio
    await expect(page.getByLabel('Either is fine')).toBeFocused();
    await page.keyboard.press('Tab'); // who are you asking for
    await page.keyboard.press('Tab'); // age group
    await page.keyboard.press('Tab'); // setting: the checked radio
    await expect(page.getByLabel('Not sure yet')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByLabel('At our studio in Lehi')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(ESTIMATE)).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hello');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();

    await focus.mark();
    await page.keyboard.press('Enter');
    // While sending: the button keeps focus, says so where the visitor is looking, and is unavailable.
    await expect(page.getByRole('status')).toHaveText('Sending your inquiry…');
    await expect(button).toHaveText('Sending your inquiry…');
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toBeFocused();
    await expect(button).toBeInViewport();
    await expect.poll(() => posts.length).toBe(1);
    await page.keyboard.press('Enter');
    release();

    const result = page.locator(RESULT);
    await expect(result).toBeFocused();
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    expect(await focus.record()).toEqual(['start button', 'div#contact-result']);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.postDataJSON()).toMatchObject({ name: 'Test Parent', setting: 'studio', message: 'Hello', consent: 'yes' });
  });

  test('an answer only the function can refuse: focus stays on the button until the summary takes it', async ({ page }) => {
    const focus = await watchFocus(page);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await answerPosts(page, async (route) => {
      await released;
      await route.continue();
    });
    await openForm(page);
    await fillValidInquiry(page);
    // A choice the page never offers (an old page, a hand-edited form): only the function knows it is wrong.
    await page.getByLabel('In your home').evaluate((radio: HTMLInputElement) => (radio.value = 'on-the-moon'));
    const button = page.locator('form[data-contact-form] button');
    await button.focus();
    await focus.mark();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toBeFocused();
    release();
    const summary = page.locator('#contact-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Choose where you would like sessions, or "Not sure yet"']);
    expect(await focus.record()).toEqual(['start button', 'div#contact-error-summary']);
    await expect(page.getByRole('status')).toBeEmpty();
    await expect(button).not.toHaveAttribute('aria-disabled');
    // The summary link leads to the group's first choice.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('group', { name: 'Where would you like sessions?' }).getByRole('radio').first()).toBeFocused();
  });
});
