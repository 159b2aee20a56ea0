import { createCallerFactory, router } from '../trpc/init';
import { plansRouter } from './plans.router';

/** The whole tRPC surface; names are the public contract (see contracts/trpc.md). */
export const appRouter = router({
  plans: plansRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
