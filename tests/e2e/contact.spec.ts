import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startResendStandIn } from '../support/resend-stand-in.ts';
import type { ResendStandIn } from '../support/resend-stand-in.ts';
import { startNetlifyServer, type NetlifyServer } from '../support/netlify-server.ts';
import { collectConsoleErrors } from './support/console-errors.ts';
import { contentEntries } from '../support/content.ts';
import { getSiteSettings } from '../../src/lib/site-settings.ts';
import { DELIVERY_BUDGET_MS } from '../../src/lib/contact/fields.ts';

/**
 * The contact form in a real browser against the built site: with and without JavaScript, by
 * keyboard, with errors and with email failing. Inquiries are checked where they land: the local
 * outbox (the default server has no Resend key) or the Resend stand-in (a second server in this
 * worker, configured through the environment the function reads per request).
 */

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Below the form: the live region that says "Sending", and the box that takes focus with the outcome. */
const RESULT = '#contact-result';
/** playwright.config.ts starts the site with CONTACT_OUTBOX_DIR=test-results/outbox. */
const OUTBOX = 'test-results/outbox';
const PHONE = '(801) 555-0142';
const ESTIMATE = 'I would like a Good Faith Estimate of the expected costs';
const { replyTime } = await getSiteSettings();

/** The thank-you page's words (src/content/pages/contact/thanks.md), which the contact page also shows once the inquiry is sent. */
type NextSteps = { heading: string; steps: { title: string; text: string }[] };
const THANKS = contentEntries<{ heading: string; nextSteps: NextSteps }>('pages').find(({ id }) => id === 'contact/thanks')!.data;
const STEP_TITLES = THANKS.nextSteps.steps.map((step) => step.title.replace('{replyTime}', replyTime));

/** The "What happens next" block of a page: its heading and the list of steps. */
const nextSteps = (page: Page) => page.locator('.next-steps').filter({ has: page.getByRole('heading', { name: THANKS.nextSteps.heading }) });

/** A block's text as a reader meets it, whatever its heading levels and spacing. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** WCAG A and AA, plus AAA text contrast (axe's color-contrast-enhanced: 7:1, 4.5:1 for large text) in every state of the form. */
async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: AXE_TAGS }, rules: { 'color-contrast-enhanced': { enabled: true } } })
    .analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A message no other test sends, to find this test's inquiry in a shared outbox or inbox. */
const uniqueMessage = () => `Test inquiry ${randomUUID()}: we would like to hear about sessions for our son.`;

async function fillValidInquiry(page: Page, message: string) {
  await page.getByLabel('Your name').fill('Test Parent');
  await page.getByLabel('Email address').fill('test@example.com');
  await page.getByLabel('Phone number (optional)').fill('(801) 555-0123');
  await page.getByLabel('Who are you asking for? (optional)').selectOption({ label: 'My child or a family member' });
  await page.getByLabel('In your home').check();
  await page.getByLabel('How can we help?').fill(message);
  await page.getByLabel('I understand this form is not for medical details or emergencies.').check();
}

/**
 * Watches focus from inside the page: every element that gains focus, and every moment focus is on
 * <body> (or nowhere), seen by a focusout that leads nowhere or by sampling every frame and every
 * 10 ms. `mark()` starts a new record; `record()` reads it.
 */
async function watchFocus(page: Page) {
  await page.addInitScript(() => {
    type Note = { what: string; at: number };
    const log: Note[] = [];
    const name = (element: Element | null) => (element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}` : 'nothing');
    const lost = () => document.activeElement === null || document.activeElement === document.body;
    const note = (what: string) => {
      if (log.at(-1)?.what !== what) log.push({ what, at: performance.now() });
    };
    Object.assign(window, { focusRecord: { log, mark: () => log.splice(0, log.length, { what: `start ${name(document.activeElement)}`, at: performance.now() }) } });
    document.addEventListener('focusin', (event) => note(name(event.target as Element)), true);
    document.addEventListener('focusout', (event) => {
      if (!(event as FocusEvent).relatedTarget) queueMicrotask(() => lost() && note('body'));
    }, true);
    const sample = () => {
      if (lost()) note('body');
    };
    setInterval(sample, 10);
    const everyFrame = () => {
      sample();
      requestAnimationFrame(everyFrame);
    };
    requestAnimationFrame(everyFrame);
  });
  type Record = { log: { what: string; at: number }[]; mark: () => void };
  return {
    mark: () => page.evaluate(() => (window as unknown as { focusRecord: Record }).focusRecord.mark()),
    record: () => page.evaluate(() => (window as unknown as { focusRecord: Record }).focusRecord.log.map(({ what, at }) => ({ what, at: Math.round(at) }))),
  };
}

/**
 * Holds the form's posts until `release()`, then lets them through to the function: "while sending"
 * lasts as long as the test needs, however quick the answer.
 */
/** The addresses the page posts to from now on, in order. */
function postsFrom(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  return posts;
}

async function holdPosts(page: Page) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/contact', async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}

/** Presses Tab until `target` has focus (at most `limit` presses). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 60) {
  for (let step = 0; step < limit; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** An .eml with its Subject decoded (RFC 2047 encoded words, as the outbox writes a non-ASCII subject). */
const decodedSubject = (eml: string) =>
  eml.replace(/^Subject: (.*(?:\n .*)*)$/m, (_line, value: string) => `Subject: ${value.split('\n ').map((word) => (/^=\?UTF-8\?B\?(.*)\?=$/.exec(word) ? Buffer.from(word.slice(10, -2), 'base64').toString('utf8') : word)).join('')}`);

async function outboxFilesContaining(text: string): Promise<string[]> {
  const names = await readdir(OUTBOX).catch(() => [] as string[]);
  const matches: string[] = [];
  for (const name of names.filter((file) => file.endsWith('.eml'))) {
    if ((await readFile(join(OUTBOX, name), 'utf8')).includes(text)) matches.push(name);
  }
  return matches;
}

test.describe('with the local outbox', () => {
  test('the empty form is accessible and every control is labelled', async ({ page }) => {
    await page.goto('/contact/');
    const form = page.locator('form[action="/api/contact"][method="post"]');
    await expect(form).toBeVisible();
    await expect(page.getByLabel('Your name')).toHaveAttribute('autocomplete', 'name');
    await expect(page.getByLabel('Email address')).toHaveAttribute('type', 'email');
    // With JavaScript the limit is a character count (below); without it, the maxlength (no-javascript.spec.ts).
    await expect(page.getByText('You have 2,000 characters remaining')).toBeVisible();
    await expect(page.getByText('Please do not include diagnoses or other medical details.')).toBeVisible();
    // The honeypot is out of sight, out of the accessibility tree and out of the tab order.
    await expect(page.getByRole('textbox', { name: 'Leave this field empty' })).toHaveCount(0);
    await expect(page.locator('#contact-website')).toHaveAttribute('tabindex', '-1');
    await expectNoAxeViolations(page);
  });

  test('"Where would you like sessions?" offers the published locations, in order, then "Not sure yet"', async ({ page }) => {
    type Location = { title: string; formLabel?: string; order?: number; draft?: boolean };
    const published = contentEntries<Location>('locations')
      .filter((location) => !location.data.draft)
      .sort((a, b) => (a.data.order ?? 100) - (b.data.order ?? 100) || a.id.localeCompare(b.id));
    await page.goto('/contact/');
    const choices = page.getByRole('group', { name: 'Where would you like sessions?' }).getByRole('radio');
    await expect(choices).toHaveCount(published.length + 1);
    for (const [index, { id, data }] of published.entries()) {
      await expect(choices.nth(index)).toHaveAccessibleName(data.formLabel ?? data.title);
      await expect(choices.nth(index)).toHaveAttribute('value', id);
    }
    await expect(choices.last()).toHaveAccessibleName('Not sure yet');
    await expect(choices.last()).toBeChecked();
  });

  test('with JavaScript: sent without a page load, announced, in the outbox once, then the thank-you page\'s words', async ({ page }) => {
    const message = uniqueMessage();
    // As the fees page links to it: the Good Faith Estimate box comes ticked.
    await page.goto('/contact/?estimate=yes');
    await expect(page.getByLabel(ESTIMATE)).toBeChecked();
    // Sent at once, faster than the function's bot threshold: the script waits out the rest, so a
    // quick person is never mistaken for a bot (whose inquiry would be dropped).
    await fillValidInquiry(page, message);
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    const status = page.getByRole('status');
    await expect(status).toHaveText('Sending your inquiry…');
    const result = page.locator(RESULT);
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    await expect(result).toBeFocused();
    // Said once: the live region empties (which announces nothing); the focused result is read instead.
    await expect(status).toBeEmpty();
    await expect(page).toHaveURL(/\/contact\/\?estimate=yes$/);
    await expect(page.locator('form[data-contact-form]')).toBeHidden();
    // "What happens next" once: the full steps in the result, no longer the titles above the form.
    await expect(page.getByRole('heading', { name: THANKS.nextSteps.heading })).toHaveCount(1);
    await expect(nextSteps(page).filter({ visible: true })).toHaveCount(1);
    const [file] = await outboxFilesContaining(message);
    const eml = decodedSubject(await readFile(join(OUTBOX, file ?? ''), 'utf8'));
    expect(eml).toMatch(/^Subject: Good Faith Estimate requested — Website inquiry from Test Parent \(In your home\)$/m);
    expect(eml).toContain('Good Faith Estimate requested: Yes\n');
    await expectNoAxeViolations(page);

    // What the result says is what the thank-you page says, from the same content: when we reply, the steps, what to do if urgent.
    await expect(result.getByRole('list').getByRole('listitem')).toHaveCount(STEP_TITLES.length);
    await expect(result).toContainText(`${STEP_TITLES[0]}`);
    const shown = words(await result.innerText());
    await page.goto('/contact/thanks/');
    expect(shown).toBe(words(await page.locator('main article').innerText()));
  });

  test('with JavaScript off: a plain post lands on the thank-you page, and the outbox has it once', async ({ browser, page: javaScriptPage }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const message = uniqueMessage();
    await page.goto('/contact/?estimate=yes');
    // Without JavaScript the link opens the form as it is: the fees page says to tick the box.
    await expect(page.getByLabel(ESTIMATE)).not.toBeChecked();
    await fillValidInquiry(page, message);
    await page.getByLabel(ESTIMATE).check();
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    await expect(page).toHaveURL(/\/contact\/thanks\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(THANKS.heading);
    // When we reply, the usual steps, and what to do if it is urgent.
    const steps = nextSteps(page);
    await expect(steps.getByRole('listitem').locator('strong')).toHaveText(STEP_TITLES);
    await expect(steps).toContainText(replyTime);
    await expect(page.locator('main .prose').getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:+18015550142');
    const [file] = await outboxFilesContaining(message);
    const eml = decodedSubject(await readFile(join(OUTBOX, file ?? ''), 'utf8'));
    expect(eml).toMatch(/^Subject: Good Faith Estimate requested — Website inquiry from .*$/m);
    expect(eml).toContain('Good Faith Estimate requested: Yes\n');
    await context.close();

    // axe needs JavaScript, so it checks the thank-you page in a page that has it.
    await javaScriptPage.goto('/contact/thanks/');
    await expectNoAxeViolations(javaScriptPage);
  });

  test('with JavaScript off, answers the function refuses get its accessible error page', async ({ browser, page: javaScriptPage }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/contact/');
    await fillValidInquiry(page, uniqueMessage());
    // The browser checks required fields, email syntax and the phone's pattern itself; an address without a top-level domain only the function refuses.
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

    // axe needs JavaScript: the same page, with its own CSP, replayed into a page that has it.
    // No CSP report either: its inline style is allowed by the hash the function computed.
    const errors = collectConsoleErrors(javaScriptPage);
    await javaScriptPage.route('**/error-page-replay/', (route) =>
      route.fulfill({ status: 200, body: html, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp } }),
    );
    await javaScriptPage.goto('/error-page-replay/');
    await expect(javaScriptPage.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
    await expect(javaScriptPage.locator('.error-summary')).toHaveCSS('border-top-width', '4px');
    await expectNoAxeViolations(javaScriptPage);
    expect(errors).toEqual([]);
  });

  test('errors: shown at once without a round trip; the summary takes focus, each field shows its message and is tied to it', async ({ page }) => {
    const posts = postsFrom(page);
    await page.goto('/contact/');
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    const summary = page.locator('#contact-error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'Enter your name',
      'Enter your email address in the right format, like name@example.com',
      'Tell us a little about what you are looking for',
      'Tick the box to confirm you understand this form is not for medical details or emergencies',
    ]);

    const email = page.getByLabel('Email address');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/Enter your email address in the right format, like name@example.com/);
    await expect(page.getByLabel('Your name')).toHaveAccessibleDescription('Error: Enter your name');
    // What the visitor typed stays.
    await expect(email).toHaveValue('not-an-email');

    await summary.getByRole('link', { name: 'Enter your name' }).click();
    await expect(page.getByLabel('Your name')).toBeFocused();
    await expectNoAxeViolations(page);

    // Fixing a field clears its error on the next send.
    await page.getByLabel('Your name').fill('Test Parent');
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await expect(summary.getByRole('link')).toHaveCount(3);
    await expect(page.getByLabel('Your name')).not.toHaveAttribute('aria-invalid', 'true');
    // Every message came from the page's own checks: nothing was sent.
    expect(posts).toEqual([]);
  });

  test('the page checks by the function’s rules: a malformed phone, a call without a number, an internationalized email', async ({ page }) => {
    const posts = postsFrom(page);
    await page.goto('/contact/');
    await fillValidInquiry(page, uniqueMessage());
    await page.getByLabel('Email address').fill('ann@bücher.de');
    await page.getByLabel('Phone number (optional)').fill('call me maybe');
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    const summary = page.locator('#contact-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Enter a phone number with its area code, like (801) 555-0123']);

    await page.getByLabel('Phone number (optional)').fill('');
    await page.getByLabel('Phone', { exact: true }).check();
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await expect(summary.getByRole('link')).toHaveText(['Enter a phone number so we can call you back, or choose email as the way to reach you']);
    await expect(page.getByLabel('Phone number (optional)')).toHaveAccessibleDescription(
      'Include the area code, like (801) 555-0123. Error: Enter a phone number so we can call you back, or choose email as the way to reach you',
    );
    expect(posts).toEqual([]);
    await expectNoAxeViolations(page);
  });

  test('keyboard only: every step from the first field to the result', async ({ page }) => {
    const message = uniqueMessage();
    await page.goto('/contact/');
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press('Tab');
      if (await page.getByLabel('Your name').evaluate((element) => element === document.activeElement)) break;
    }
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
    await expect(page.getByLabel('How can we help?')).toBeFocused();
    await page.keyboard.type(message);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(page.getByLabel('I understand this form is not for medical details or emergencies.')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Send inquiry' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.locator(RESULT).getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    await expect(page.locator(RESULT)).toBeFocused();
    const [file] = await outboxFilesContaining(message);
    expect(await readFile(join(OUTBOX, file ?? ''), 'utf8')).toContain('Setting: At our studio in Lehi');
  });
});

test.describe('before writing: what happens next, and choices made by the link that opened the form', () => {
  test('the contact page lists the next steps above the form, from the thank-you page\'s content', async ({ page }) => {
    await page.goto('/contact/');
    const steps = nextSteps(page);
    await expect(steps.getByRole('listitem')).toHaveText(STEP_TITLES);
    await expect(steps).toContainText(replyTime);
    // Above the form, so people know before they write; the full steps wait in the page until it is sent.
    const before = await steps.evaluate((section) => Boolean(section.compareDocumentPosition(document.querySelector('form')!) & Node.DOCUMENT_POSITION_FOLLOWING));
    expect(before).toBe(true);
    await expect(page.getByRole('heading', { name: THANKS.heading })).toHaveCount(0);
  });

  test('with JavaScript, ?setting= and ?estimate= choose answers the form offers; anything else is ignored', async ({ page }) => {
    const setting = page.getByRole('group', { name: 'Where would you like sessions?' });
    await page.goto('/contact/?setting=school');
    await expect(setting.getByLabel('At school')).toBeChecked();
    await expect(page.getByLabel(ESTIMATE)).not.toBeChecked();

    await page.goto('/contact/?setting=on-the-moon&estimate=maybe&name=Someone&consent=yes');
    await expect(setting.getByLabel('Not sure yet')).toBeChecked();
    await expect(page.getByLabel(ESTIMATE)).not.toBeChecked();
    await expect(page.getByLabel('Your name')).toHaveValue('');
    // The confirmation that the form is not for emergencies is the visitor's own to tick.
    await expect(page.getByLabel('I understand this form is not for medical details or emergencies.')).not.toBeChecked();
  });

  test("a location page's request button opens the form with that setting chosen, with or without JavaScript", async ({ browser, page }) => {
    await page.goto('/locations/school/');
    const request = page.getByRole('link', { name: 'Request information' }).first();
    await expect(request).toHaveAttribute('href', '/contact/?setting=school');
    await request.click();
    await expect(page.getByRole('group', { name: 'Where would you like sessions?' }).getByLabel('At school')).toBeChecked();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto('/locations/school/');
    await noScript.getByRole('link', { name: 'Request information' }).first().click();
    await expect(noScript).toHaveURL(/\/contact\/\?setting=school$/);
    // The form opens as usual, with its default choice, and works as always.
    await expect(noScript.getByRole('button', { name: 'Send inquiry' })).toBeVisible();
    await expect(noScript.getByLabel('Not sure yet')).toBeChecked();
    await context.close();
  });

  test('the fees page explains the Good Faith Estimate and links to the form with the box to tick', async ({ page }) => {
    await page.goto('/fees/');
    const link = page.locator('main a[href="/contact/?estimate=yes"]');
    await expect(link).toHaveCount(1);
    await expect(link.locator('xpath=ancestor::p')).toContainText(ESTIMATE);
    await link.click();
    await expect(page.getByLabel(ESTIMATE)).toBeChecked();
    await expect(page.getByText('For anyone paying for sessions themselves')).toBeVisible();
  });
});

test.describe('the message says what it cuts, and no answer is waited out honestly', () => {
  test('a character count: what remains, the limit reached, what is over (a paste stays whole), said politely; over the limit nothing is sent', async ({ page }) => {
    const posts = postsFrom(page);
    await page.goto('/contact/');
    const message = page.getByLabel('How can we help?');
    const live = page.locator('[data-count-live]');
    await expect(live).toHaveAttribute('aria-live', 'polite');
    await message.fill('Hello');
    await expect(page.getByText('You have 1,995 characters remaining')).toBeVisible();
    await expect(live).toHaveText('You have 1,995 characters remaining');
    await expect(message).toHaveAccessibleDescription(/You have 1,995 characters remaining/);
    await message.fill('m'.repeat(2000));
    await expect(live).toHaveText('You have reached the limit of 2,000 characters');
    // A 5,000-character paste is kept whole, and the count says how much is over.
    await message.fill('p'.repeat(5000));
    await expect(message).toHaveValue('p'.repeat(5000));
    await expect(live).toHaveText('You have 3,000 characters too many');
    await fillValidInquiry(page, 'p'.repeat(5000));
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await expect(page.locator('#contact-error-summary').getByRole('link')).toHaveText(['Your message must be 2,000 characters or fewer']);
    expect(posts).toEqual([]);
    await expectNoAxeViolations(page);
  });

  test('no answer: the page waits beyond the function\'s delivery budget, then says it could not confirm, that sending again is safe, and the phone', async ({ page }) => {
    await page.clock.install();
    await holdPosts(page);
    await page.goto('/contact/');
    await fillValidInquiry(page, uniqueMessage());
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    const button = page.locator('form[data-contact-form] button');
    const result = page.locator(RESULT);
    // The fill-time wait, then the function's whole delivery budget (9 s) and more: still waiting.
    await page.clock.runFor(3_200);
    await page.clock.runFor(DELIVERY_BUDGET_MS + 15_000);
    await expect(button).toHaveText('Sending your inquiry…');
    await expect(result).toBeEmpty();
    await page.clock.runFor(10_000);
    await expect(result).toContainText('We could not confirm that your inquiry was sent. Sending it again will not send it twice.');
    await expect(result.getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:+18015550142');
    await expect(result).toBeFocused();
    await expect(result).not.toContainText('NOT sent');
    await expect(button).toHaveText('Send inquiry');
  });

  test('the function\'s 504 "unconfirmed" answer is shown as its other messages are, with the phone', async ({ page }) => {
    const unconfirmed = 'We could not confirm that your inquiry was sent. Sending it again will not send it twice. Please call us at (801) 555-0142.';
    await page.route('**/api/contact', (route) =>
      route.fulfill({ status: 504, contentType: 'application/json', body: JSON.stringify({ ok: false, message: unconfirmed, phone: PHONE }) }),
    );
    await page.goto('/contact/');
    await fillValidInquiry(page, uniqueMessage());
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    const result = page.locator(RESULT);
    await expect(result.locator('[data-reason]')).toHaveText(unconfirmed);
    await expect(result).toBeFocused();
    await expect(result.getByRole('link', { name: PHONE })).toBeVisible();
    await expect(page.getByLabel('Your name')).toHaveValue('Test Parent');
  });
});

test.describe('on a phone-sized screen with reduced motion: focus is never lost while sending', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });

  test('keyboard only: an empty form goes from the key press to the summary at once; then sent with focus kept on the button', async ({ page }) => {
    const focus = await watchFocus(page);
    const posting = await holdPosts(page);
    const posts = postsFrom(page);
    await page.goto('/contact/');
    // Found by place, not by name: while sending, its name says so.
    const button = page.locator('form[data-contact-form] button');
    const summary = page.locator('#contact-error-summary');

    // A new visitor Tabs straight to the button and presses Enter.
    await tabTo(page, button);
    await focus.mark();
    await page.keyboard.press('Enter');
    await expect(summary).toBeFocused();
    const toSummary = await focus.record();
    expect(toSummary.map((note) => note.what)).toEqual(['start button', 'div#contact-error-summary']);
    // At once: no fill-time wait and no round trip (which took 3 s and more before).
    expect(toSummary[1]!.at - toSummary[0]!.at).toBeLessThan(1000);
    expect(posts).toEqual([]);
    await expect(summary.getByRole('link')).toHaveCount(4);

    // From the summary to the first field, by its link, then the answers.
    await page.keyboard.press('Tab');
    await expect(summary.getByRole('link', { name: 'Enter your name' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Your name')).toBeFocused();
    const message = uniqueMessage();
    await page.keyboard.type('Test Parent');
    await page.keyboard.press('Tab');
    await page.keyboard.type('test@example.com');
    await tabTo(page, page.getByLabel('How can we help?'));
    await page.keyboard.type(message);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();

    await focus.mark();
    await page.keyboard.press('Enter');
    // While sending (at least the rest of the 3 s fill time, then the round trip): the button keeps
    // focus, says it is unavailable, and a second press sends nothing more.
    await expect(page.getByRole('status')).toHaveText('Sending your inquiry…');
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toBeFocused();
    // Said where the visitor is looking, on a 390 px phone: on the button itself, in view.
    await expect(button).toHaveText('Sending your inquiry…');
    await expect(button).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(button).toBeFocused();
    posting.release();

    const result = page.locator(RESULT);
    await expect(result).toBeFocused();
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    expect((await focus.record()).map((note) => note.what)).toEqual(['start button', 'div#contact-result']);
    expect(posts).toHaveLength(1);
    expect(await outboxFilesContaining(message)).toHaveLength(1);
    await expectNoAxeViolations(page);
  });

  test('an answer only the function can refuse: focus stays on the button until the summary takes it', async ({ page }) => {
    const focus = await watchFocus(page);
    const posting = await holdPosts(page);
    await page.goto('/contact/');
    await fillValidInquiry(page, uniqueMessage());
    // A choice the page never offers (an old page, a hand-edited form): only the function knows it is wrong.
    await page.getByLabel('In your home').evaluate((radio: HTMLInputElement) => (radio.value = 'on-the-moon'));
    const button = page.locator('form[data-contact-form] button');
    await button.focus();

    await focus.mark();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Sending your inquiry…');
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    posting.release();
    const summary = page.locator('#contact-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Choose where you would like sessions, or "Not sure yet"']);
    expect((await focus.record()).map((note) => note.what)).toEqual(['start button', 'div#contact-error-summary']);
    await expect(page.getByRole('status')).toBeEmpty();
    await expect(button).not.toHaveAttribute('aria-disabled');
    // The summary link leads to the group's first choice.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('group', { name: 'Where would you like sessions?' }).getByRole('radio').first()).toBeFocused();
  });
});

test.describe('with Resend (the stand-in)', () => {
  test.describe.configure({ mode: 'serial' });

  let standIn: ResendStandIn;
  let site: NetlifyServer;

  test.beforeAll(async () => {
    standIn = await startResendStandIn();
    // The function reads its configuration per request, so this worker's server sends to the stand-in.
    process.env.RESEND_API_KEY = 're_test_browser_0123456789';
    process.env.RESEND_BASE_URL = standIn.url;
    process.env.CONTACT_TO = 'studio@example.com';
    process.env.CONTACT_FROM = 'Website <website@example.com>';
    site = await startNetlifyServer();
  });

  test.afterAll(async () => {
    await site.close();
    await standIn.close();
    // Workers run other files next; leave their environment as it was.
    for (const name of ['RESEND_API_KEY', 'RESEND_BASE_URL', 'CONTACT_TO', 'CONTACT_FROM']) delete process.env[name];
  });

  test.beforeEach(() => {
    standIn.reset();
    process.env.RESEND_BASE_URL = standIn.url;
  });

  test('email failing: NOT sent, every answer kept, phone and email offered; then one delivery on retry', async ({ page }) => {
    const message = uniqueMessage();
    standIn.script({ kind: 'error', status: 500 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    await page.goto(`${site.url}/contact/`);
    await fillValidInquiry(page, message);
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    const result = page.locator(RESULT);
    await expect(result).toContainText('your inquiry was NOT sent');
    await expect(result).toBeFocused();
    await expect(result.getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:+18015550142');
    await expect(result.getByRole('link', { name: /^email / })).toHaveAttribute('href', /^mailto:.*\?subject=Inquiry%20from%20the%20website&body=Test%20inquiry/);
    await expect(page.getByRole('status')).toBeEmpty();
    await expect(page.getByLabel('How can we help?')).toHaveValue(message);
    await expect(page.getByLabel('Your name')).toHaveValue('Test Parent');
    await expect(page.getByLabel('I understand this form is not for medical details or emergencies.')).toBeChecked();
    expect(standIn.deliveries).toHaveLength(0);
    await expectNoAxeViolations(page);

    // Resend is back: the same answers go with the same submission id, and arrive once, to the studio only.
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    const studio = standIn.deliveries.filter((delivery) => delivery.idempotencyKey?.startsWith('contact-'));
    expect(studio).toHaveLength(1);
    expect(new Set(standIn.requests.map((request) => request.headers['idempotency-key']).filter((key) => key?.startsWith('contact-'))).size).toBe(1);
    expect(studio[0]?.email.text).toContain(message);
    expect(standIn.deliveries).toHaveLength(1);
  });

  test('Resend unreachable: NOT sent, and the typed text is still there', async ({ page }) => {
    const message = uniqueMessage();
    const gone = await startResendStandIn();
    process.env.RESEND_BASE_URL = gone.url;
    await gone.refuseConnections();

    await page.goto(`${site.url}/contact/`);
    await fillValidInquiry(page, message);
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    await expect(page.locator(RESULT)).toContainText('NOT sent');
    await expect(page.locator(RESULT)).toContainText(PHONE);
    await expect(page.getByLabel('How can we help?')).toHaveValue(message);
  });

  test('a double click sends one email', async ({ page }) => {
    const message = uniqueMessage();
    await page.goto(`${site.url}/contact/`);
    await fillValidInquiry(page, message);
    await page.getByRole('button', { name: 'Send inquiry' }).dblclick();

    await expect(page.locator(RESULT).getByRole('heading', { level: 2 })).toHaveText(THANKS.heading);
    expect(standIn.deliveries.filter((delivery) => String(delivery.email.text).includes(message))).toHaveLength(1);
  });
});
