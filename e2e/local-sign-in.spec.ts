import { expect, test, type Page } from '@playwright/test';

async function signInAs(page: Page, button: RegExp) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL('**/billing');
}

test('a billing user sees who they are, their organization and role, and can choose a plan', async ({ page }) => {
  await signInAs(page, /Bob Billing — Billing, Acme/);
  await expect(page.getByTestId('test-mode-banner')).toBeVisible();
  await expect(page.getByTestId('viewer-name')).toHaveText('Bob Billing');
  await expect(page.getByTestId('viewer-org')).toHaveText('Acme Inc.');
  await expect(page.getByTestId('viewer-role')).toHaveText('Billing');
  await expect(page.getByTestId('choose-plan')).toBeVisible();
  await expect(page.getByTestId('manage-api-keys')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'API keys' })).toHaveCount(0);
});

test('a member sees the portal read-only, without the buttons', async ({ page }) => {
  await signInAs(page, /Carol Member — Member, Acme/);
  await expect(page.getByTestId('viewer-role')).toHaveText('Member');
  await expect(page.getByText('Ask a billing manager or an admin to change it.')).toBeVisible();
  await expect(page.getByTestId('choose-plan')).toHaveCount(0);
  await expect(page.getByTestId('manage-api-keys')).toHaveCount(0);
  await page.goto('/billing/api-keys');
  await expect(page.getByText('Only organization admins can manage API keys.')).toBeVisible();
});

test('an admin creates an API key, sees the secret once, and revokes it; the org switcher changes org', async ({
  page,
}) => {
  await signInAs(page, /Alice Admin — Admin, Acme/);
  await page.getByTestId('manage-api-keys').click();
  await page.getByLabel('Name').fill('notifications-service');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.getByTestId('new-api-key').locator('code');
  await expect(secret).toHaveText(/^bsk_/);
  const table = page.getByRole('table', { name: 'API keys' });
  await expect(table).toContainText('notifications-service');
  const prefix = (await secret.textContent())!.slice(0, 12);
  await expect(table).toContainText(`${prefix}…`);
  await page.reload();
  await expect(page.getByTestId('new-api-key')).toHaveCount(0);
  await table.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(table).toContainText('Revoked');

  await page.getByLabel('Organization').selectOption('org_demo_globex');
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByTestId('viewer-org')).toHaveText('Globex Corporation');
  await expect(page.getByTestId('viewer-role')).toHaveText('Member');
});

test('signed-out visitors are sent to sign in', async ({ page }) => {
  await page.goto('/billing');
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
});
