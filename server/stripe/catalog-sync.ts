import { and, eq, isNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '@/db/client';
import { planPrices, plans } from '@/db/schema';
import { callStripe } from './errors';

export interface CatalogSyncResult {
  productsCreated: number;
  pricesCreated: number;
  pricesLinked: number;
}

/** The lookup key of a plan price: stable across restarts, so prices are found instead of duplicated. */
export const priceLookupKey = (planName: string, cycle: 'monthly' | 'yearly', currency: string) =>
  `${planName}_${cycle}_${currency}`;

/**
 * Creates any missing Stripe product and price for every plan and cycle, idempotently: products are
 * found by the plan id in their metadata, prices by lookup key; ids are stored on our rows.
 */
export async function syncCatalogToStripe(db: Database, stripe: Stripe): Promise<CatalogSyncResult> {
  const result: CatalogSyncResult = { productsCreated: 0, pricesCreated: 0, pricesLinked: 0 };
  const allPlans = await db.select().from(plans);
  const products = await callStripe(() => listAll((p) => stripe.products.list({ limit: 100, ...p })));
  for (const plan of allPlans) {
    let productId = plan.stripeProductId;
    if (!productId) {
      const existing = products.find((p) => p.metadata?.plan_id === plan.id);
      productId =
        existing?.id ??
        (
          await callStripe(() =>
            stripe.products.create(
              {
                name: plan.displayName,
                description: plan.description ?? undefined,
                metadata: { plan_id: plan.id, plan_name: plan.name },
              },
              { idempotencyKey: `catalog:product:${plan.id}` },
            ),
          )
        ).id;
      if (!existing) result.productsCreated++;
      await db.update(plans).set({ stripeProductId: productId, updatedAt: new Date() }).where(eq(plans.id, plan.id));
    }
    const missing = await db
      .select()
      .from(planPrices)
      .where(and(eq(planPrices.planId, plan.id), eq(planPrices.isActive, true), isNull(planPrices.stripePriceId)));
    for (const price of missing) {
      const lookupKey = price.lookupKey ?? priceLookupKey(plan.name, price.billingCycle, price.currency);
      const found = await callStripe(() => stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 }));
      const match = found.data.find((p) => p.unit_amount === price.unitAmount && p.currency === price.currency);
      const stripePrice =
        match ??
        (await callStripe(() =>
          stripe.prices.create(
            {
              product: productId!,
              currency: price.currency,
              unit_amount: price.unitAmount,
              recurring: { interval: price.billingCycle === 'monthly' ? 'month' : 'year' },
              lookup_key: lookupKey,
              transfer_lookup_key: true,
              metadata: { plan_id: plan.id, plan_price_id: price.id },
            },
            { idempotencyKey: `catalog:price:${price.id}` },
          ),
        ));
      if (match) result.pricesLinked++;
      else result.pricesCreated++;
      await db
        .update(planPrices)
        .set({ stripePriceId: stripePrice.id, lookupKey, updatedAt: new Date() })
        .where(eq(planPrices.id, price.id));
    }
  }
  return result;
}

async function listAll<T extends { id: string }>(
  page: (params: { starting_after?: string }) => Promise<Stripe.ApiList<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const batch = await page(startingAfter ? { starting_after: startingAfter } : {});
    items.push(...batch.data);
    if (!batch.has_more || batch.data.length === 0) return items;
    startingAfter = batch.data[batch.data.length - 1]!.id;
  }
}
