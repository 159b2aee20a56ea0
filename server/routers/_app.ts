import { createCallerFactory, router } from '../trpc/init';
import { adminRouter } from './admin/admin.router';
import { apiKeysRouter } from './api-keys.router';
import { auditRouter } from './audit.router';
import { billingContactRouter } from './billing-contact.router';
import { entitlementsRouter } from './entitlements.router';
import { invoicesRouter } from './invoices.router';
import { paymentMethodsRouter } from './payment-methods.router';
import { plansRouter } from './plans.router';
import { privacyRouter } from './privacy.router';
import { promoCodesRouter } from './promo-codes.router';
import { subscriptionsRouter } from './subscriptions.router';
import { usageRouter } from './usage.router';

/** The whole tRPC surface; names are the public contract (see contracts/trpc.md). */
export const appRouter = router({
  plans: plansRouter,
  subscriptions: subscriptionsRouter,
  paymentMethods: paymentMethodsRouter,
  invoices: invoicesRouter,
  promoCodes: promoCodesRouter,
  usage: usageRouter,
  entitlements: entitlementsRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  billingContact: billingContactRouter,
  privacy: privacyRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
