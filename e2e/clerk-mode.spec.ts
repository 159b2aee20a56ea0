import { expect, test } from '@playwright/test';
import { importPKCS8, SignJWT } from 'jose';
import { CLERK_FRONTEND_HOST, clerkTestKeys } from './clerk-keys';

/** A Clerk session token as Clerk's Frontend API would issue it (long-lived: nothing refreshes it here). */
async function clerkSessionToken(role: string, orgId: string, azp: string) {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ v: 2, sid: 'sess_e2e', o: { id: orgId, rol: role, slg: 'acme-clerk' }, azp })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'ins_e2e' })
    .setSubject('user_e2e_clerk')
    .setIssuer(`https://${CLERK_FRONTEND_HOST}`)
    .setIssuedAt(now - 5)
    .setNotBefore(now - 5)
    .setExpirationTime(now + 3600)
    .sign(await importPKCS8(clerkTestKeys().privateKeyPem, 'RS256'));
  return { token, iat: now - 5 };
}

test('in Clerk mode a session cookie renders the portal on the server, without Clerk’s scripts', async ({
  page,
  baseURL,
}) => {
  // Offline, Clerk's browser script can never load; the portal must not depend on it.
  const failedClerkRequests: string[] = [];
  page.on('requestfailed', (request) => failedClerkRequests.push(request.url()));
  page.on('pageerror', () => {});
  const url = new URL(baseURL!);
  const { token, iat } = await clerkSessionToken('billing', 'org_clerk_acme', url.origin);
  await page.context().addCookies([
    { name: '__session', value: token, domain: url.hostname, path: '/' },
    { name: '__client_uat', value: String(iat), domain: url.hostname, path: '/' },
  ]);
  const response = await page.goto('/billing');
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('viewer-name')).toHaveText('user_e2e_clerk');
  await expect(page.getByTestId('viewer-org')).toHaveText('acme-clerk');
  await expect(page.getByTestId('viewer-role')).toHaveText('Billing');
  await expect(page.getByTestId('choose-plan')).toBeVisible();
  await expect(page.getByTestId('test-mode-banner')).toContainText('embedded database');
  await expect(page.getByTestId('test-mode-banner')).not.toContainText('local sign-in');
});

test('in Clerk mode local sign-in does not exist', async ({ request }) => {
  const response = await request.post('/api/local-auth/sign-in', { form: { userId: 'user_demo_alice' } });
  expect(response.status()).toBe(404);
});
