import { expect, test } from '@playwright/test';

test('the pricing page shows the three sample plans with monthly and yearly prices', async ({ page }) => {
  await page.goto('/pricing');
  await expect(page.getByRole('heading', { name: 'Pricing' })).toBeVisible();
  const plans = page.getByRole('list', { name: 'Plans' }).locator(':scope > li');
  await expect(plans).toHaveCount(3);

  const starter = page.getByTestId('plan-starter');
  const pro = page.getByTestId('plan-pro');
  const enterprise = page.getByTestId('plan-enterprise');
  await expect(starter.getByRole('heading', { name: 'Starter' })).toBeVisible();
  await expect(pro.getByRole('heading', { name: 'Professional' })).toBeVisible();
  await expect(enterprise.getByRole('heading', { name: 'Enterprise' })).toBeVisible();
  await expect(starter.getByTestId('price')).toHaveText('$29.00');
  await expect(pro.getByTestId('price')).toHaveText('$99.00');
  await expect(enterprise.getByTestId('price')).toHaveText('$299.00');
  await expect(pro).toContainText('100,000 notifications / month');
  await expect(pro).toContainText('then $0.0008 each');
  await expect(enterprise).toContainText('Unlimited websites');

  await page.getByRole('radio', { name: 'Yearly' }).click();
  await expect(starter.getByTestId('price')).toHaveText('$290.00');
  await expect(pro.getByTestId('price')).toHaveText('$990.00');
  await expect(enterprise.getByTestId('price')).toHaveText('$2,990.00');
  await expect(pro).toContainText('save $198.00');
});

test('the pricing page is readable on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/pricing');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await expect(page.getByTestId('plan-enterprise')).toBeVisible();
});
