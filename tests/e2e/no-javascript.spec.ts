import { expect, test } from '@playwright/test';

// That the other pages load no script at all: every-page.spec.ts.
test('without JavaScript the contact form keeps its own limits: the message says and enforces its maxlength', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/contact/');
  const message = page.getByLabel('How can we help?');
  await expect(message).toHaveAttribute('maxlength', '2000');
  await expect(message).toHaveAccessibleDescription(/You can enter up to 2,000 characters\./);
  await expect(page.getByLabel('Phone number (optional)')).toHaveAttribute('pattern', /\S/);
  await context.close();
});
