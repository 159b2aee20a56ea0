import type { Route } from '../http/router';
import { couponRoutes } from './coupons';
import { customerRoutes } from './customers';
import { eventRoutes } from './events';
import { invoiceItemRoutes } from './invoice-items';
import { invoicePaymentRoutes } from './invoice-payments';
import { invoiceRoutes } from './invoices';
import { paymentMethodRoutes } from './payment-methods';
import { priceRoutes } from './prices';
import { productRoutes } from './products';
import { promotionCodeRoutes } from './promotion-codes';
import { setupIntentRoutes } from './setup-intents';
import { subscriptionItemRoutes } from './subscription-items';
import { subscriptionScheduleRoutes } from './subscription-schedules';
import { subscriptionRoutes } from './subscriptions';
import { testClockRoutes } from './test-clocks';

/** Every endpoint the simulator answers. */
export function allRoutes(startClockAdvance: (clockId: string, target: number) => void): Route[] {
  return [
    ...customerRoutes,
    ...paymentMethodRoutes,
    ...setupIntentRoutes,
    ...productRoutes,
    ...priceRoutes,
    ...couponRoutes,
    ...promotionCodeRoutes,
    ...subscriptionRoutes,
    ...subscriptionItemRoutes,
    ...subscriptionScheduleRoutes,
    ...invoiceRoutes,
    ...invoiceItemRoutes,
    ...invoicePaymentRoutes,
    ...eventRoutes,
    ...testClockRoutes(startClockAdvance),
  ];
}
