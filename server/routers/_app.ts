import { createCallerFactory, router } from '../trpc/init';
import { apiKeysRouter } from './api-keys.router';
import { plansRouter } from './plans.router';

/** The whole tRPC surface; names are the public contract (see contracts/trpc.md). */
export const appRouter = router({
  plans: plansRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
