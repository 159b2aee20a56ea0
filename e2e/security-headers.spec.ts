import { expect, test } from '@playwright/test';

test('a page carries a nonce-based CSP that its own scripts satisfy, and the hardening headers', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = (await page.goto('/pricing'))!;
  const headers = response.headers();
  const csp = headers['content-security-policy']!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  // Local sign-in with the Stripe simulator: neither Clerk's nor Stripe's hosts are allowed.
  expect(csp).not.toMatch(/clerk|stripe\.com/);
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');

  const scriptNonces = await page
    .locator('script')
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(scriptNonces.every((n) => n === nonce)).toBe(true);
  // The page is interactive, so the browser ran its scripts under the policy.
  await page.getByRole('radio', { name: 'Yearly' }).click();
  await expect(page.getByTestId('plan-starter').getByTestId('price')).toHaveText('$290.00');
  expect(violations).toEqual([]);

  const again = (await page.goto('/pricing'))!;
  expect(again.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
});

test('an API response carries the same headers, and no CORS grant unless CORS_ORIGIN is set', async ({ request }) => {
  const response = await request.get('/api/trpc/plans.list', { headers: { origin: 'https://elsewhere.example' } });
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(headers['access-control-allow-origin']).toBeUndefined();
  const preflight = await request.fetch('/api/trpc/plans.list', {
    method: 'OPTIONS',
    headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();
});
