import { seedSampleCatalog } from '@/db/seed/seed-catalog';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testDeps } from '@/test/deps';
import { serveFetchHandler, type TestServer } from '@/test/http-server';
import { startTestStripe, type TestStripe } from '@/test/stripe';
import { bearer, mintToken } from '@/test/tokens';
import type { ApiKeyScope } from '@/db/schema';
import { createApiKey } from '../../auth/api-keys';
import type { OrgRole } from '../../auth/principal';
import type { ServiceDeps } from '../../trpc/context';
import { handleTrpcRequest, TRPC_ENDPOINT } from '../../trpc/http';
import { handleRestRequest } from '../handler';

/** The app as other services see it: tRPC and REST on one port, a seeded database, the Stripe simulator. */
export interface RestStack {
  database: TestDatabase;
  stripe: TestStripe;
  deps: ServiceDeps;
  server: TestServer;
  /** `Authorization` for a person of `orgId` with `role`. */
  as(orgId: string, role?: OrgRole | string): Promise<Record<string, string>>;
  /** `Authorization` for a new API key of `orgId`. */
  key(orgId: string, scopes: ApiKeyScope[], options?: { platform?: boolean }): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startRestStack(overrides: Partial<ServiceDeps> = {}): Promise<RestStack> {
  const database = await createTestDatabase();
  await seedSampleCatalog(database.db);
  const stripe = await startTestStripe(database.db);
  const deps = testDeps(database.db, { payments: stripe.payments, ...overrides });
  const server = await serveFetchHandler((request) =>
    new URL(request.url).pathname.startsWith(`${TRPC_ENDPOINT}/`)
      ? handleTrpcRequest(request, deps)
      : handleRestRequest(request, deps),
  );
  return {
    database,
    stripe,
    deps,
    server,
    as: async (orgId, role = 'org:admin') => bearer(await mintToken({ userId: `user_${orgId}`, orgId, role })),
    key: async (orgId, scopes, options = {}) => {
      const key = await createApiKey(database.db, {
        organizationId: orgId,
        name: 'test',
        scopes,
        isPlatform: options.platform ?? false,
        actor: { type: 'system', id: null },
        requestId: 'setup',
      });
      return bearer(key.secret);
    },
    stop: async () => {
      await server.close();
      await stripe.stop();
      await database.destroy();
    },
  };
}
