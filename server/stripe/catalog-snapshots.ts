import type Stripe from 'stripe';
import type { PriceSnapshot, ProductSnapshot, PromotionCodeSnapshot } from '../billing/payments.port';

/** Stripe's catalog objects → the snapshots the catalog admin and its webhook mirror work with. */

const idOf = (value: string | { id: string } | null | undefined) =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

export function productSnapshot(product: Stripe.Product): ProductSnapshot {
  return {
    id: product.id,
    name: product.name,
    description: product.description ?? null,
    active: product.active,
    planId: product.metadata?.plan_id ?? null,
  };
}

export function priceSnapshot(price: Stripe.Price): PriceSnapshot {
  const interval: string | undefined = price.recurring?.interval;
  return {
    id: price.id,
    productId: idOf(price.product)!,
    active: price.active,
    currency: price.currency,
    unitAmount: price.unit_amount,
    interval: interval === 'month' ? 'month' : interval === 'year' ? 'year' : null,
    lookupKey: price.lookup_key,
  };
}

export function promotionCodeSnapshot(promotion: Stripe.PromotionCode): PromotionCodeSnapshot {
  return {
    id: promotion.id,
    code: promotion.code,
    active: promotion.active,
    couponId: idOf(promotion.promotion?.coupon),
  };
}
