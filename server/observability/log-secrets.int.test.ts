import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PLATFORM_ORG_ID } from '@/test/deps';
import { spawnApp, type AppProcess } from '@/test/spawn-app';
import { findSecrets } from '@/test/log-secrets';
import { uniqueKeyPrefix } from '@/test/redis';
import { bearer, mintToken, TEST_AUTHORIZED_PARTY, TEST_KEYS, tamper } from '@/test/tokens';

const random = () => randomBytes(12).toString('hex');

/** Every secret the run below hands the service; none may reach its output. */
const SECRETS = {
  STRIPE_SECRET_KEY: `sk_test_${random()}`,
  STRIPE_WEBHOOK_SECRET: `whsec_${random()}`,
  CLERK_SECRET_KEY: `sk_test_${random()}`,
  METRICS_TOKEN: `metrics-${random()}`,
  DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
  REDIS_PASSWORD: `redis-${random()}`,
};

let app: AppProcess | undefined;
afterAll(() => app?.cleanup());

describe('secrets in logs', () => {
  it('a full run at trace level (start, every credential path, errors, limits, shutdown) logs none of its secrets', async () => {
    app = await spawnApp({
      LOG_LEVEL: 'trace',
      STRIPE_SECRET_KEY: SECRETS.STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: SECRETS.STRIPE_WEBHOOK_SECRET,
      CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('clerk.billing.test$').toString('base64')}`,
      CLERK_SECRET_KEY: SECRETS.CLERK_SECRET_KEY,
      CLERK_JWT_KEY: TEST_KEYS.publicKeyPem,
      CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY,
      PLATFORM_ORG_ID: TEST_PLATFORM_ORG_ID,
      METRICS_TOKEN: SECRETS.METRICS_TOKEN,
      DATA_ENCRYPTION_KEY: SECRETS.DATA_ENCRYPTION_KEY,
      // A password the local Redis does not ask for: the client still sends it, and must not print it.
      REDIS_URL: `redis://:${SECRETS.REDIS_PASSWORD}@127.0.0.1:6379`,
      RATE_LIMIT_WRITE_PER_MINUTE: '4',
      REDIS_KEY_PREFIX: uniqueKeyPrefix('log-secrets'),
    });
    const call = (path: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${app!.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const admin = await mintToken({ userId: 'user_logs', orgId: 'org_logs', role: 'org:admin' });
    const created = await call('/api/trpc/apiKeys.create', bearer(admin), { name: 'svc', scopes: ['usage:write'] });
    const createdBody = (await created.json()) as { result?: { data: { secret: string } } };
    expect(createdBody, JSON.stringify(createdBody)).toHaveProperty('result');
    const apiKey = createdBody.result!.data.secret;
    const credentials = [
      admin,
      tamper(admin),
      await mintToken({ orgId: 'org_logs', expiresInSeconds: -60 }),
      await mintToken({ orgId: 'org_logs', azp: 'https://evil.test' }),
      apiKey,
      `bsk_${random()}`,
    ];
    for (const token of credentials) {
      await call('/api/trpc/apiKeys.list', bearer(token));
      await call('/api/trpc/billingContact.update', bearer(token), { email: 'ada@example.com', taxId: 'GB123' });
    }
    await call('/api/trpc/apiKeys.list', { authorization: `Basic ${SECRETS.METRICS_TOKEN}` });
    await call('/api/trpc/apiKeys.list', { cookie: `__session=${admin}` });
    await call('/api/trpc/plans.get?input=%7Bbroken', {});
    for (let i = 0; i < 6; i++) await call('/api/trpc/apiKeys.revoke', bearer(admin), { id: random() });
    expect((await call('/api/metrics', bearer(SECRETS.METRICS_TOKEN))).status).toBe(200);
    expect((await call('/api/metrics', bearer(apiKey))).status).toBe(401);
    await call('/ready', {});
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);

    const output = app.output();
    expect(output).toContain('billing service');
    expect(output).toContain('shutdown complete');
    const known = Object.fromEntries([
      ...Object.entries(SECRETS),
      ...credentials.map((c, i) => [`credential ${i}`, c]),
      // A JWT's signature alone is as good as the token for a replay check; a key's tail identifies it.
      ...credentials.map((c, i) => [`credential ${i} (tail)`, c.split('.').pop()!.slice(-24)]),
    ]);
    expect(findSecrets(output, known)).toEqual([]);
  }, 90_000);
});
