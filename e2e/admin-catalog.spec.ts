import { expect, test, type Page } from '@playwright/test';

async function signInAs(page: Page, button: RegExp, lands: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(`**${lands}`);
}

test('a platform admin creates a plan with a limit and a promo code for it, and a customer sees both', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Unique per run, so a retry on the same database does not meet the first attempt's plan and code.
  const suffix = Date.now().toString(36).slice(-5);
  const slug = `startup-${suffix}`;
  const displayName = `Startup ${suffix}`;
  const code = `LAUNCH${suffix}`.toUpperCase();

  await signInAs(page, /Petra Platform — Admin, Platform operators/, '/billing');
  await page.getByRole('link', { name: 'Admin', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Plans' })).toContainText('Professional');

  // The plan: details and prices, checked inline before anything is sent.
  await page.getByRole('link', { name: 'New plan' }).click();
  await page.getByLabel('Name (slug)').fill('Not A Slug');
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByText('lowercase letters, digits, - and _')).toBeVisible();
  await expect(page.getByText('enter an amount').first()).toBeVisible();
  await page.getByLabel('Name (slug)').fill(slug);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Description').fill('For young teams');
  await page.getByLabel('Monthly price in USD').fill('19');
  await page.getByLabel('Yearly price in USD').fill('190');
  await page.getByRole('button', { name: 'Create plan' }).click();
  await page.waitForURL(/\/admin\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: displayName })).toBeVisible();

  // A limit with a sub-cent-capable overage price, typed in dollars.
  await page.getByRole('button', { name: 'Add a limit' }).click();
  await page.getByLabel('Resource of limit 1').fill('projects');
  await page.getByLabel('Included quantity of limit 1').fill('5');
  await page.getByLabel('Overage price per unit of limit 1 (USD)').fill('0.5');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByText('only a soft, limited resource has overage')).toBeVisible();
  await page.getByLabel('Enforcement of limit 1').selectOption('soft');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByText('Limits saved: subscribers have them now.')).toBeVisible();

  // A promo code for this plan only.
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Promo codes' }).click();
  await page.getByRole('link', { name: 'New promo code' }).click();
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByLabel('Percent off').fill('25');
  await page.getByLabel('Description').fill('Launch offer');
  await page.getByRole('checkbox', { name: displayName }).check();
  await page.getByRole('button', { name: 'Create promo code' }).click();
  await page.waitForURL('**/admin/promo-codes');
  await page.getByLabel('Search promo codes').fill(code);
  const codes = page.getByRole('table', { name: 'Promo codes' });
  await expect(codes).toContainText(code);
  await expect(codes).toContainText('25% off');
  await expect(codes).toContainText(displayName);

  // A customer: the plan and its limit on the pricing page, and the code's discount when choosing it.
  await signInAs(page, /Dave Admin — Admin, Globex/, '/billing');
  await page.goto('/pricing');
  const card = page.getByTestId(`plan-${slug}`);
  await expect(card.getByRole('heading', { name: displayName })).toBeVisible();
  await expect(card.getByTestId('price')).toHaveText('$19.00');
  await expect(card).toContainText('5 projects');
  await expect(card).toContainText('then $0.50 each');

  await page.goto('/billing/plans');
  await page.getByRole('button', { name: `Choose ${displayName}` }).click();
  const confirmation = page.getByTestId('subscribe-confirmation');
  await page.getByRole('textbox', { name: 'Promo code' }).fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(confirmation.getByTestId('promo-result')).toContainText('You pay $14.25 instead of $19.00');
  await expect(confirmation.getByTestId('due-today')).toHaveText('$14.25');

  // The same code on another plan is refused with the reason.
  await page.goto('/billing/plans');
  await page.getByRole('button', { name: 'Choose Professional' }).click();
  await page.getByRole('textbox', { name: 'Promo code' }).fill(code);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('promo-result')).toContainText('This code does not apply to this plan.');

  // Back as the admin: archiving (after a confirmation) takes the plan off the pricing page again.
  await signInAs(page, /Petra Platform — Admin, Platform operators/, '/billing');
  await page.goto('/admin/plans');
  await page.getByLabel('Search plans').fill(slug);
  await page.getByRole('button', { name: `Archive ${displayName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Archive ${displayName}?` });
  await expect(dialog).toContainText('Its 0 subscribers keep it');
  await dialog.getByRole('button', { name: 'Archive plan' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Plans' })).toContainText('archived');
  await page.goto('/pricing');
  await expect(page.getByRole('heading', { name: 'Professional' })).toBeVisible();
  await expect(page.getByTestId(`plan-${slug}`)).toHaveCount(0);
});

test('people who are not platform admins cannot open the console', async ({ page }) => {
  await signInAs(page, /Alice Admin — Admin, Acme/, '/billing');
  await expect(page.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
  await page.goto('/admin/plans');
  await expect(page.getByText('Only platform admins can open the admin console.')).toBeVisible();
  const response = await page.request.get('/api/trpc/admin.plans.list');
  expect(response.status()).toBe(403);
});
