import type { AnyRestRoute } from './route';
import { invoiceRoutes } from './routes/invoices.routes';
import { paymentMethodRoutes } from './routes/payment-methods.routes';
import { planRoutes } from './routes/plans.routes';
import { subscriptionRoutes } from './routes/subscriptions.routes';
import { usageRoutes } from './routes/usage.routes';

/**
 * Every REST route, read by the handlers (route files name theirs by `METHOD /path`) and by the OpenAPI
 * generator: one list, so what is documented is what is served.
 */
export const REST_ROUTES: readonly AnyRestRoute[] = [
  ...planRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes,
  ...paymentMethodRoutes,
  ...usageRoutes,
];
