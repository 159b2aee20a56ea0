import { expect, test, type Page } from '@playwright/test';

async function signInAs(page: Page, button: RegExp) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL('**/billing');
}

/** Calls the tRPC API over HTTP with the browser's session cookie (setup steps the UI does not offer). */
async function trpc(page: Page, path: string, input: unknown, method: 'GET' | 'POST') {
  const response =
    method === 'POST'
      ? await page.request.post(`/api/trpc/${path}`, { data: input })
      : await page.request.get(
          `/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        );
  return { status: response.status(), body: (await response.json()) as { result?: { data: unknown } } };
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Billing sections' });

// Both journeys use Acme: the member reads what the billing user set up, so they run in this order.
test.describe.configure({ mode: 'serial' });

test.describe('the customer portal', () => {
  test('a billing user subscribes to Pro with a test card, upgrades to Enterprise after the preview, cancels and resumes', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInAs(page, /Bob Billing — Billing, Acme/);
    // A retry (or an earlier run on the same database) may have left a subscription and cards: end and remove them,
    // so the journey starts from an organization without a plan or a card.
    const current = await trpc(page, 'subscriptions.current', undefined, 'GET');
    const live = current.body.result?.data as { status: string } | null;
    // WELCOME20 is once per organization: on a rerun its refusal is what the customer must see.
    const firstPurchase = live === null;
    const firstCharge = firstPurchase ? '$79.20' : '$99.00';
    if (live && !['canceled', 'incomplete_expired'].includes(live.status)) {
      expect((await trpc(page, 'subscriptions.cancel', { immediately: true }, 'POST')).status).toBe(200);
    }
    const cardsOnFile = (await trpc(page, 'paymentMethods.list', undefined, 'GET')).body.result?.data as
      Array<{ id: string }> | undefined;
    for (const card of cardsOnFile ?? []) {
      expect((await trpc(page, 'paymentMethods.remove', { id: card.id }, 'POST')).status).toBe(200);
    }
    await page.reload();
    await expect(page.getByTestId('no-subscription')).toBeVisible();

    // Pick Pro, monthly.
    await page.getByTestId('choose-plan').click();
    await expect(page).toHaveURL(/\/billing\/plans$/);
    await expect(page.getByRole('radio', { name: 'Monthly' })).toHaveAttribute('aria-checked', 'true');
    await page.getByRole('button', { name: 'Choose Professional' }).click();
    const confirmation = page.getByTestId('subscribe-confirmation');
    await expect(confirmation.getByTestId('due-today')).toHaveText('$99.00');

    // Promo codes: the reason when one does not apply, the discounted price when it does.
    await page.getByRole('textbox', { name: 'Promo code' }).fill('BLACKFRIDAY');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(confirmation.getByTestId('promo-result')).toContainText('This code is not active.');
    await expect(confirmation.getByTestId('due-today')).toHaveText('$99.00');
    await page.getByRole('textbox', { name: 'Promo code' }).fill('welcome20');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(confirmation.getByTestId('promo-result')).toContainText(
      firstPurchase ? 'You pay $79.20 instead of $99.00' : 'Your organization has already used this code.',
    );
    await expect(confirmation.getByTestId('due-today')).toHaveText(firstCharge);

    // Simulator: Stripe's test cards, clearly marked as test mode.
    await expect(confirmation.getByText('Test mode', { exact: true })).toBeVisible();
    await confirmation.getByRole('radio', { name: /Visa 4242 — Always succeeds/ }).check();
    await page.getByRole('button', { name: `Subscribe for ${firstCharge}` }).click();
    await page.waitForURL(/\/billing$/);
    await expect(
      page.getByTestId('toast-success').filter({ hasText: 'You are subscribed to Professional.' }),
    ).toBeVisible();
    await expect(page.getByTestId('current-plan-name')).toHaveText('Professional');
    await expect(page.getByTestId('subscription-status')).toHaveText('Active');
    await expect(page.getByTestId('current-plan')).toContainText('Visa •••• 4242');
    await expect(page.getByTestId('renewal-date')).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);

    // Usage at 85% of the plan's notifications: a warning, a bar, a projection in money.
    const recorded = await trpc(
      page,
      'usage.record',
      { events: [{ metric: 'notifications_per_month', quantity: 85_000, idempotencyKey: `e2e-${Date.now()}` }] },
      'POST',
    );
    expect(recorded.status).toBe(200);
    await nav(page).getByRole('link', { name: 'Usage' }).click();
    const notifications = page.getByTestId('usage-notifications_per_month');
    await expect(notifications.getByRole('meter', { name: 'Notifications used' })).toHaveAttribute(
      'aria-valuetext',
      '85,000 of 100,000',
    );
    await expect(notifications).toContainText('Over 80%');
    await expect(notifications).toContainText('You have used 85% of the notifications your plan includes.');
    await expect(notifications.getByTestId('projection')).toContainText('At this pace');
    await expect(notifications.getByRole('img')).toHaveAttribute('aria-label', /Notifications: \d+ days? from/);

    // Upgrade to Enterprise: the preview first, then the charge equals it.
    await nav(page).getByRole('link', { name: 'Plans' }).click();
    await expect(page.getByTestId('plan-pro')).toContainText('Current plan');
    await page.getByRole('button', { name: 'Switch to Enterprise' }).click();
    const preview = page.getByTestId('change-preview');
    await expect(preview.getByTestId('due-now')).toHaveText(/^\$[\d,]+\.\d{2}$/);
    await expect(page.getByTestId('change-confirmation')).toContainText('This is an upgrade');
    await expect(page.getByRole('table', { name: 'Charged now' })).toContainText('(prorated)');
    const dueNow = (await preview.getByTestId('due-now').textContent())!;
    await page.getByRole('button', { name: `Confirm upgrade and pay ${dueNow}` }).click();
    await page.waitForURL(/\/billing$/);
    await expect(page.getByTestId('toast-success').filter({ hasText: 'You are now on Enterprise.' })).toBeVisible();
    await expect(page.getByTestId('current-plan-name')).toHaveText('Enterprise');

    // The upgrade's invoice is for exactly the previewed amount (invoices arrive by webhook: reload until then).
    await nav(page).getByRole('link', { name: 'Invoices' }).click();
    // Reloading before the client-side navigation lands would reload the overview instead.
    await page.waitForURL(/\/billing\/invoices$/);
    const invoices = page.getByRole('table', { name: 'Invoices' });
    const newest = invoices.getByRole('row').nth(1); // after the header row
    await expect(async () => {
      await page.reload();
      await expect(newest).toContainText(dueNow, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(invoices).toContainText(firstCharge);
    await expect(page.getByTestId('upcoming-invoice')).toContainText('$299.00');
    await newest.getByRole('link').first().click();
    await expect(page.getByRole('table', { name: 'Invoice lines' })).toContainText('(prorated)');
    await expect(page.getByRole('link', { name: /^PDF of invoice/ })).toHaveAttribute('href', /.+/);

    // Cancel at the period end, then resume.
    await nav(page).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel your subscription?' });
    await dialog.getByRole('button', { name: 'Cancel at period end' }).click();
    await expect(page.getByTestId('cancel-notice')).toContainText('set to end on');
    await expect(page.getByTestId('subscription-status')).toHaveText('Ending');
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Your subscription will end on' })).toBeVisible();
    await page.getByRole('button', { name: 'Resume subscription' }).click();
    await expect(page.getByTestId('cancel-notice')).toHaveCount(0);
    await expect(page.getByTestId('subscription-status')).toHaveText('Active');
    await page.reload();
    await expect(page.getByTestId('current-plan-name')).toHaveText('Enterprise');
    await expect(page.getByTestId('subscription-status')).toHaveText('Active');

    // Cards: a declined card is refused with Stripe's reason; another card becomes the default; the old one goes.
    await nav(page).getByRole('link', { name: 'Payment methods' }).click();
    const cards = page.getByRole('table', { name: 'Payment methods' });
    await expect(cards.getByRole('button', { name: 'Remove Visa •••• 4242' })).toBeDisabled();
    await page.getByRole('radio', { name: /Visa 0002 — Declined/ }).check();
    await page.getByRole('button', { name: 'Add card' }).click();
    await expect(page.getByTestId('toast-error')).toHaveText(/The card was declined\./);
    await expect(cards.getByRole('row')).toHaveCount(2);
    await page.getByRole('radio', { name: /Mastercard 4444/ }).check();
    await page.getByRole('button', { name: 'Add card' }).click();
    await expect(cards.getByRole('row')).toHaveCount(3);
    await cards.getByRole('button', { name: 'Make Mastercard •••• 4444 the default' }).click();
    await expect(cards.getByRole('row').filter({ hasText: '4444' })).toContainText('Default');
    await cards.getByRole('button', { name: 'Remove Visa •••• 4242' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove card' }).click();
    await expect(cards.getByRole('row')).toHaveCount(2);
    await expect(cards).not.toContainText('4242');
  });

  test('a member sees the pages without the buttons', async ({ page }) => {
    await signInAs(page, /Carol Member — Member, Acme/);
    const main = page.getByRole('main');
    await expect(page.getByTestId('current-plan-name')).toHaveText('Enterprise');
    await expect(page.getByTestId('subscription-status')).toHaveText('Active');
    await expect(page.getByTestId('renewal-date')).toBeVisible();
    await expect(page.getByText('Ask a billing manager or an admin to change it.')).toBeVisible();
    await expect(page.getByTestId('choose-plan')).toHaveCount(0);
    await expect(main.getByRole('button')).toHaveCount(0);

    await nav(page).getByRole('link', { name: 'Plans' }).click();
    await expect(page.getByTestId('plan-enterprise')).toBeVisible();
    await expect(page.getByText('A billing manager or an admin can change your organization’s plan.')).toBeVisible();
    await page.getByRole('radio', { name: 'Yearly' }).click();
    await expect(page.getByTestId('plan-pro').getByTestId('price')).toHaveText('$990.00');
    await expect(main.getByRole('button')).toHaveCount(0);

    await nav(page).getByRole('link', { name: 'Payment methods' }).click();
    await expect(page.getByRole('table', { name: 'Payment methods' })).toContainText('4444');
    await expect(page.getByRole('form', { name: 'Add a card' })).toHaveCount(0);
    await expect(main.getByRole('button')).toHaveCount(0);

    await nav(page).getByRole('link', { name: 'Invoices' }).click();
    await expect(page.getByRole('table', { name: 'Invoices' })).toContainText('Paid');
    await expect(main.getByRole('button')).toHaveCount(0);

    await nav(page).getByRole('link', { name: 'Usage' }).click();
    await expect(page.getByTestId('usage-notifications_per_month')).toContainText('Unlimited');
    await expect(main.getByRole('button')).toHaveCount(0);
  });

  test('an admin ends a subscription at once, after being told nothing is refunded', async ({ page }) => {
    await signInAs(page, /Dave Admin — Admin, Globex/);
    const current = (await trpc(page, 'subscriptions.current', undefined, 'GET')).body.result?.data as {
      status: string;
      cancelAtPeriodEnd: boolean;
    } | null;
    // A rerun may find the plan set to end: resume it, so the journey starts from a live subscription.
    if (current?.cancelAtPeriodEnd && current.status !== 'canceled') {
      expect((await trpc(page, 'subscriptions.resume', undefined, 'POST')).status).toBe(200);
      await page.reload();
    }
    if (!current || ['canceled', 'incomplete_expired'].includes(current.status)) {
      const plans = (await trpc(page, 'plans.list', undefined, 'GET')).body.result?.data as Array<{
        id: string;
        name: string;
      }>;
      const starter = plans.find((plan) => plan.name === 'starter')!;
      const created = await trpc(
        page,
        'subscriptions.create',
        { planId: starter.id, billingCycle: 'monthly', paymentMethodId: 'pm_card_visa' },
        'POST',
      );
      expect(created.status).toBe(200);
      await page.reload();
    }
    await expect(page.getByTestId('subscription-status')).toHaveText('Active');

    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel your subscription?' });
    await expect(dialog).toContainText('stays active until');
    await dialog.getByRole('checkbox', { name: /End it now/ }).check();
    await expect(dialog).toContainText('is not refunded');
    await dialog.getByRole('button', { name: 'End subscription now' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'subscription has ended' })).toBeVisible();
    await expect(page.getByTestId('no-subscription')).toContainText('subscription ended on');
    await page.reload();
    await expect(page.getByTestId('no-subscription')).toBeVisible();
  });
});
