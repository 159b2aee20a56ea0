import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

async function signInAs(page: Page, button: RegExp) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL('**/billing');
}

test('an admin keeps the billing contact, exports the billing data, and reads both in the audit log', async ({
  page,
}) => {
  await signInAs(page, /Alice Admin — Admin, Acme/);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Billing email').fill('accounts@acme.example');
  await page.getByLabel('Company or person').fill('Acme Inc.');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Billing email')).toHaveValue('accounts@acme.example');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download billing data (JSON)' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { billingContact: { email: string } };
  expect(exported.billingContact.email).toBe('accounts@acme.example');

  await page.getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log).toContainText('billing_contact.updated');
  await expect(log).toContainText('privacy.data_exported');
  await page.getByLabel('Action').fill('billing_contact');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/action=billing_contact/);
  await expect(log).toContainText('billing_contact.updated');
  await expect(log).not.toContainText('privacy.data_exported');
  // The log names the fields that changed, never the personal data itself.
  await expect(log).not.toContainText('accounts@acme.example');
});

test('billing people edit the contact but see neither the audit log nor the export', async ({ page }) => {
  await signInAs(page, /Bob Billing — Billing, Acme/);
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Billing email')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download billing data (JSON)' })).toHaveCount(0);
  await page.goto('/billing/audit');
  await expect(page.getByText('Only organization admins can read the audit log.')).toBeVisible();
});
