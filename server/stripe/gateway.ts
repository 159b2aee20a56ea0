import type Stripe from 'stripe';
import type { PaymentsGateway } from '../billing/payments.port';
import { isAppError } from '../errors';
import { observeStripeCall } from '../observability/metrics';
import { priceSnapshot, productSnapshot, promotionCodeSnapshot } from './catalog-snapshots';
import { callStripe } from './errors';
import {
  customerSnapshot,
  invoicePreview,
  invoiceSnapshot,
  paymentMethodSnapshot,
  subscriptionSnapshot,
} from './snapshots';

const withKey = (idempotencyKey: string): Stripe.RequestOptions => ({ idempotencyKey });

/**
 * The PaymentsGateway on Stripe's API: every mutation carries the caller's idempotency key, every error
 * comes back as a domain error.
 */
export function createStripeGateway(stripe: Stripe): PaymentsGateway {
  return timed({
    createPromotionCode: (terms, key) =>
      callStripe(async () => {
        const coupon = await stripe.coupons.create(
          {
            name: terms.name,
            ...(terms.percentOff ? { percent_off: Number(terms.percentOff) } : {}),
            ...(terms.amountOff ? { amount_off: terms.amountOff, currency: terms.currency ?? undefined } : {}),
            duration: terms.duration,
            ...(terms.duration === 'repeating' ? { duration_in_months: terms.durationInMonths ?? undefined } : {}),
            metadata: terms.metadata,
          },
          withKey(`${key}:coupon`),
        );
        const promotion = await stripe.promotionCodes.create(
          { promotion: { type: 'coupon', coupon: coupon.id }, code: terms.code, metadata: terms.metadata },
          withKey(`${key}:promotion-code`),
        );
        return { couponId: coupon.id, promotionCodeId: promotion.id };
      }),

    setPromotionCodeActive: (promotionCodeId, active, key) =>
      callStripe(async () => {
        await stripe.promotionCodes.update(promotionCodeId, { active }, withKey(key));
      }),

    retrievePromotionCode: (id) =>
      callStripe(async () => promotionCodeSnapshot(await stripe.promotionCodes.retrieve(id))),

    createProduct: ({ name, description, metadata }, key) =>
      callStripe(async () =>
        productSnapshot(
          await stripe.products.create({ name, description: description ?? undefined, metadata }, withKey(key)),
        ),
      ),

    updateProduct: (id, { name, description, active, metadata }, key) =>
      callStripe(async () =>
        productSnapshot(
          await stripe.products.update(
            id,
            {
              ...(name !== undefined ? { name } : {}),
              // Stripe clears a field sent empty.
              ...(description !== undefined ? { description: description ?? '' } : {}),
              ...(active !== undefined ? { active } : {}),
              ...(metadata ? { metadata } : {}),
            },
            withKey(key),
          ),
        ),
      ),

    retrieveProduct: (id) => callStripe(async () => productSnapshot(await stripe.products.retrieve(id))),

    createPrice: ({ productId, currency, unitAmount, interval, lookupKey, metadata }, key) =>
      callStripe(async () =>
        priceSnapshot(
          await stripe.prices.create(
            {
              product: productId,
              currency,
              unit_amount: unitAmount,
              recurring: { interval },
              lookup_key: lookupKey,
              transfer_lookup_key: true,
              metadata,
            },
            withKey(key),
          ),
        ),
      ),

    updatePrice: (id, { active, lookupKey }, key) =>
      callStripe(async () =>
        priceSnapshot(
          await stripe.prices.update(
            id,
            {
              ...(active !== undefined ? { active } : {}),
              ...(lookupKey !== undefined ? { lookup_key: lookupKey, transfer_lookup_key: true } : {}),
            },
            withKey(key),
          ),
        ),
      ),

    retrievePrice: (id) => callStripe(async () => priceSnapshot(await stripe.prices.retrieve(id))),

    createCustomer: ({ organizationId, name, email }, key) =>
      callStripe(async () =>
        customerSnapshot(
          await stripe.customers.create(
            { name: name ?? undefined, email: email ?? undefined, metadata: { organization_id: organizationId } },
            withKey(key),
          ),
        ),
      ),

    updateCustomer: (id, { name, email, defaultPaymentMethodId }, key) =>
      callStripe(async () =>
        customerSnapshot(
          await stripe.customers.update(
            id,
            {
              ...(name !== undefined ? { name: name ?? '' } : {}),
              ...(email !== undefined ? { email: email ?? '' } : {}),
              ...(defaultPaymentMethodId
                ? { invoice_settings: { default_payment_method: defaultPaymentMethodId } }
                : {}),
            },
            withKey(key),
          ),
        ),
      ),

    retrieveCustomer: (id) => callStripe(async () => customerSnapshot(await stripe.customers.retrieve(id))),

    retrievePaymentMethod: (id) =>
      callStripe(async () => paymentMethodSnapshot(await stripe.paymentMethods.retrieve(id))),

    attachPaymentMethod: (paymentMethodId, customerId, key) =>
      callStripe(async () =>
        paymentMethodSnapshot(
          await stripe.paymentMethods.attach(paymentMethodId, { customer: customerId }, withKey(key)),
        ),
      ),

    detachPaymentMethod: (paymentMethodId, key) =>
      callStripe(async () =>
        paymentMethodSnapshot(await stripe.paymentMethods.detach(paymentMethodId, {}, withKey(key))),
      ),

    listPaymentMethods: (customerId) =>
      callStripe(async () => {
        const methods: Stripe.PaymentMethod[] = [];
        for await (const pm of stripe.customers.listPaymentMethods(customerId, { limit: 100 })) methods.push(pm);
        return methods.map(paymentMethodSnapshot);
      }),

    createSetupIntent: (customerId, key) =>
      callStripe(async () => {
        const intent = await stripe.setupIntents.create({ customer: customerId, usage: 'off_session' }, withKey(key));
        return { id: intent.id, clientSecret: intent.client_secret, status: intent.status };
      }),

    createSubscription: ({ customerId, priceId, paymentMethodId, trialDays, promotionCodeId, metadata }, key) =>
      callStripe(async () =>
        subscriptionSnapshot(
          await stripe.subscriptions.create(
            {
              customer: customerId,
              items: [{ price: priceId, quantity: 1 }],
              ...(paymentMethodId ? { default_payment_method: paymentMethodId } : {}),
              ...(trialDays > 0 ? { trial_period_days: trialDays } : {}),
              ...(promotionCodeId ? { discounts: [{ promotion_code: promotionCodeId }] } : {}),
              // A declined first payment fails the call and leaves no subscription behind.
              payment_behavior: 'error_if_incomplete',
              metadata,
            },
            withKey(key),
          ),
        ),
      ),

    retrieveSubscription: (id) => callStripe(async () => subscriptionSnapshot(await stripe.subscriptions.retrieve(id))),

    changeSubscriptionPrice: ({ subscriptionId, itemId, priceId, prorationDate, proration }, key) =>
      callStripe(async () =>
        subscriptionSnapshot(
          await stripe.subscriptions.update(
            subscriptionId,
            {
              items: [{ id: itemId, price: priceId }],
              proration_behavior: proration,
              proration_date: prorationDate,
              payment_behavior: 'error_if_incomplete',
            },
            withKey(key),
          ),
        ),
      ),

    previewSubscriptionChange: ({ customerId, subscriptionId, itemId, priceId, prorationDate, proration }) =>
      callStripe(async () =>
        invoicePreview(
          await stripe.invoices.createPreview({
            customer: customerId,
            subscription: subscriptionId,
            subscription_details: {
              items: [{ id: itemId, price: priceId }],
              proration_behavior: proration,
              proration_date: prorationDate,
            },
          }),
        ),
      ),

    scheduleChangeAtPeriodEnd: ({ subscriptionId, currentPriceId, priceId, periodEnd }, key) =>
      callStripe(async () => {
        const schedule = await stripe.subscriptionSchedules.create(
          { from_subscription: subscriptionId },
          withKey(`${key}:schedule`),
        );
        const currentStart = schedule.phases[0]?.start_date;
        await stripe.subscriptionSchedules.update(
          schedule.id,
          {
            end_behavior: 'release',
            phases: [
              { items: [{ price: currentPriceId, quantity: 1 }], start_date: currentStart, end_date: periodEnd },
              { items: [{ price: priceId, quantity: 1 }], proration_behavior: 'none' },
            ],
          },
          withKey(`${key}:phases`),
        );
        return { scheduleId: schedule.id };
      }),

    releaseSchedule: (scheduleId, key) =>
      callStripe(async () => {
        await stripe.subscriptionSchedules.release(scheduleId, {}, withKey(key));
      }),

    setCancelAtPeriodEnd: (subscriptionId, cancel, key) =>
      callStripe(async () =>
        subscriptionSnapshot(
          await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: cancel }, withKey(key)),
        ),
      ),

    cancelSubscriptionNow: (subscriptionId, key) =>
      callStripe(async () => subscriptionSnapshot(await stripe.subscriptions.cancel(subscriptionId, {}, withKey(key)))),

    retrieveInvoice: (id) => callStripe(async () => invoiceSnapshot(await stripe.invoices.retrieve(id))),

    addInvoiceItem: ({ customerId, invoiceId, amount, currency, description, metadata }, key) =>
      callStripe(async () => {
        const item = await stripe.invoiceItems.create(
          { customer: customerId, invoice: invoiceId, amount, currency, description, metadata },
          withKey(key),
        );
        return { id: item.id };
      }),

    payInvoice: (id, key) => callStripe(async () => invoiceSnapshot(await stripe.invoices.pay(id, {}, withKey(key)))),

    previewUpcomingInvoice: (customerId, subscriptionId) =>
      callStripe(async () => {
        try {
          return invoicePreview(
            await stripe.invoices.createPreview({ customer: customerId, subscription: subscriptionId }),
          );
        } catch (error) {
          // Stripe answers "no upcoming invoice" for a subscription that will not renew.
          if ((error as { code?: string }).code === 'invoice_upcoming_none') return null;
          throw error;
        }
      }),
  });
}

/** Times every call of the gateway for the metrics, by operation and outcome. */
function timed(gateway: PaymentsGateway): PaymentsGateway {
  const wrapped = {} as Record<string, unknown>;
  for (const [operation, call] of Object.entries(gateway) as Array<
    [string, (...args: unknown[]) => Promise<unknown>]
  >) {
    wrapped[operation] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        const result = await call(...args);
        observeStripeCall(operation, (performance.now() - started) / 1000);
        return result;
      } catch (error) {
        observeStripeCall(
          operation,
          (performance.now() - started) / 1000,
          isAppError(error) ? error.code : 'unexpected',
        );
        throw error;
      }
    };
  }
  return wrapped as unknown as PaymentsGateway;
}
