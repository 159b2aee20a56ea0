import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../routers/_app';

export type { AppRouter };
export { TRPCClientError };

export interface BillingClientOptions {
  /** The billing service's base URL (`https://billing.internal`), or its tRPC endpoint (`…/api/trpc`). */
  url: string;
  /** A service API key (`bsk_…`, created at /billing/api-keys) or a session token. */
  apiKey: string;
  /** Another fetch (tests, proxies); the global one by default. */
  fetch?: typeof fetch;
}

const ENDPOINT = '/api/trpc';

const endpointOf = (url: string) => {
  const base = url.replace(/\/+$/, '');
  return base.endsWith(ENDPOINT) ? base : `${base}${ENDPOINT}`;
};

/**
 * A typed client of the billing service's tRPC API for other TypeScript services: every procedure with
 * its input and output types (`client.usage.record.mutate(…)`, `client.entitlements.check.query(…)`).
 * Plain JSON on the wire, as the service speaks it; calls made together are batched into one request.
 */
export function createBillingClient({ url, apiKey, fetch }: BillingClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: endpointOf(url),
        headers: () => ({ authorization: `Bearer ${apiKey}` }),
        ...(fetch ? { fetch } : {}),
      }),
    ],
  });
}

export type BillingClient = ReturnType<typeof createBillingClient>;

/** Our error code (`VALIDATION_ERROR`, `RATE_LIMITED`, …) of a failed call; null for anything else. */
export function billingErrorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error as TRPCClientError<AppRouter>).data as { code?: unknown } | undefined;
  return typeof data?.code === 'string' ? data.code : null;
}
