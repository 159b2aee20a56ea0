import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { planPrices, plans } from '@/db/schema';
import { ConflictError, isAppError, NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit.service';
import { isUniqueViolation } from '../subscribe.service';
import type { CatalogCaller, CatalogDeps } from './catalog.deps';
import { diffPrices, intervalOf, lookupKeyOf, priceSetErrors, type WantedPrice } from './catalog.rules';
import { versionedKey } from './stripe-keys';

type PlanRow = typeof plans.$inferSelect;
type PriceRow = typeof planPrices.$inferSelect;

export async function loadPlan(db: Database, id: string): Promise<PlanRow> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, id));
  if (!plan) throw new NotFoundError('Plan');
  return plan;
}

const activePrices = (db: Database, planId: string) =>
  db
    .select()
    .from(planPrices)
    .where(and(eq(planPrices.planId, planId), eq(planPrices.isActive, true)));

const productMetadata = (plan: PlanRow) => ({ plan_id: plan.id, plan_name: plan.name });

/** The plan's Stripe product, created if it has none yet. */
async function ensureProduct(deps: CatalogDeps, plan: PlanRow): Promise<string> {
  if (plan.stripeProductId) return plan.stripeProductId;
  const params = { name: plan.displayName, description: plan.description, metadata: productMetadata(plan) };
  const product = await deps.payments.createProduct(
    params,
    versionedKey(`admin:product:${plan.id}`, plan.createdAt, params),
  );
  await deps.db
    .update(plans)
    .set({ stripeProductId: product.id })
    .where(and(eq(plans.id, plan.id), isNull(plans.stripeProductId)));
  return product.id;
}

/** Creates the Stripe price of a row (the row's id in its metadata) and moves the lookup key to it. */
function createStripePrice(deps: CatalogDeps, plan: PlanRow, productId: string, row: PriceRow) {
  const params = {
    productId,
    currency: row.currency,
    unitAmount: row.unitAmount,
    interval: intervalOf(row.billingCycle),
    lookupKey: lookupKeyOf(plan.name, row.billingCycle, row.currency),
    metadata: { plan_id: plan.id, plan_price_id: row.id },
  };
  return deps.payments.createPrice(params, versionedKey(`admin:price:${row.id}`, row.createdAt, params));
}

/**
 * Puts a plan in Stripe where it is missing: its product and every price on sale. Idempotent; an
 * archived plan that never reached Stripe stays out of it.
 */
export async function ensurePlanInStripe(deps: CatalogDeps, planId: string): Promise<void> {
  const plan = await loadPlan(deps.db, planId);
  if (!plan.isActive && !plan.stripeProductId) return;
  const missing = (await activePrices(deps.db, plan.id)).filter((p) => p.stripePriceId === null);
  const productId = await ensureProduct(deps, plan);
  for (const row of missing) {
    const price = await createStripePrice(deps, plan, productId, row);
    await deps.db
      .update(planPrices)
      .set({ stripePriceId: price.id, lookupKey: price.lookupKey, updatedAt: new Date() })
      .where(and(eq(planPrices.id, row.id), isNull(planPrices.stripePriceId)));
  }
}

/** Like ensurePlanInStripe, but a Stripe outage is reported in the plan's `inStripe` instead of thrown. */
export async function tryEnsurePlanInStripe(deps: CatalogDeps, planId: string): Promise<void> {
  try {
    await ensurePlanInStripe(deps, planId);
  } catch (error) {
    if (!(isAppError(error) && error.code === 'STRIPE_ERROR')) throw error;
  }
}

const priceView = (p: Pick<PriceRow, 'currency' | 'billingCycle' | 'unitAmount' | 'stripePriceId'>) => ({
  currency: p.currency,
  billingCycle: p.billingCycle,
  unitAmount: p.unitAmount,
  stripePriceId: p.stripePriceId,
});

/**
 * Sets the prices a plan sells. Stripe prices are immutable, so a new amount is a new Stripe price that
 * takes over the lookup key, and the old price is archived; subscribers stay on the price they bought
 * until movePriceSubscribers. Each price is its own step: Stripe first (idempotent), then the database.
 */
export async function setPlanPrices(
  deps: CatalogDeps,
  caller: CatalogCaller,
  planId: string,
  wanted: WantedPrice[],
): Promise<void> {
  const plan = await loadPlan(deps.db, planId);
  const errors = priceSetErrors(wanted, plan.currency);
  if (errors.length > 0)
    throw new ValidationError(`The prices are not valid: ${errors.join('; ')}`, { prices: errors });
  const diff = diffPrices(await activePrices(deps.db, plan.id), wanted);
  if (diff.add.length + diff.replace.length + diff.retire.length === 0) return;
  const productId = await ensureProduct(deps, plan);
  for (const to of diff.add) await replacePrice(deps, caller, plan, productId, null, to);
  for (const { from, to } of diff.replace) await replacePrice(deps, caller, plan, productId, from, to);
  for (const price of diff.retire) await retirePrice(deps, caller, plan, price);
}

/** A price row waiting for its Stripe price: reused on retry, so a retry replays the same Stripe request. */
async function pendingRow(db: Database, planId: string, to: WantedPrice): Promise<PriceRow> {
  const [existing] = await db
    .select()
    .from(planPrices)
    .where(
      and(
        eq(planPrices.planId, planId),
        eq(planPrices.currency, to.currency),
        eq(planPrices.billingCycle, to.billingCycle),
        eq(planPrices.unitAmount, to.unitAmount),
        eq(planPrices.isActive, false),
        isNull(planPrices.stripePriceId),
      ),
    )
    .limit(1);
  if (existing) return existing;
  const [row] = await db
    .insert(planPrices)
    .values({
      planId,
      currency: to.currency,
      billingCycle: to.billingCycle,
      unitAmount: to.unitAmount,
      isActive: false,
    })
    .returning();
  return row!;
}

async function replacePrice(
  deps: CatalogDeps,
  caller: CatalogCaller,
  plan: PlanRow,
  productId: string,
  from: PriceRow | null,
  to: WantedPrice,
) {
  const pending = await pendingRow(deps.db, plan.id, to);
  const created = await createStripePrice(deps, plan, productId, pending);
  if (from?.stripePriceId) {
    await deps.payments.updatePrice(
      from.stripePriceId,
      { active: false },
      `admin:price:${from.id}:replaced-by:${pending.id}`,
    );
  }
  try {
    await deps.db.transaction(async (tx) => {
      const now = new Date();
      if (from) await tx.update(planPrices).set({ isActive: false, updatedAt: now }).where(eq(planPrices.id, from.id));
      await tx
        .update(planPrices)
        .set({ isActive: true, stripePriceId: created.id, lookupKey: created.lookupKey, updatedAt: now })
        .where(eq(planPrices.id, pending.id));
      await recordAudit(tx, {
        organizationId: null,
        actor: caller.actor,
        action: from ? 'plan.price_changed' : 'plan.price_added',
        targetType: 'plan',
        targetId: plan.id,
        before: from ? priceView(from) : undefined,
        after: priceView({ ...to, stripePriceId: created.id }),
        requestId: caller.requestId,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('The price was changed at the same time: reload and retry');
    throw error;
  }
}

async function retirePrice(deps: CatalogDeps, caller: CatalogCaller, plan: PlanRow, price: PriceRow) {
  if (price.stripePriceId) {
    await deps.payments.updatePrice(
      price.stripePriceId,
      { active: false },
      versionedKey(`admin:price:${price.id}:active`, price.updatedAt, { active: false }),
    );
  }
  await deps.db.transaction(async (tx) => {
    await tx.update(planPrices).set({ isActive: false, updatedAt: new Date() }).where(eq(planPrices.id, price.id));
    await recordAudit(tx, {
      organizationId: null,
      actor: caller.actor,
      action: 'plan.price_retired',
      targetType: 'plan',
      targetId: plan.id,
      before: priceView(price),
      requestId: caller.requestId,
    });
  });
}

/** After a plan's slug changes, its prices' lookup keys follow (`pro_monthly_usd` → `team_monthly_usd`). */
export async function renameLookupKeys(deps: CatalogDeps, planId: string): Promise<void> {
  const plan = await loadPlan(deps.db, planId);
  for (const price of await activePrices(deps.db, plan.id)) {
    const lookupKey = lookupKeyOf(plan.name, price.billingCycle, price.currency);
    if (!price.stripePriceId || price.lookupKey === lookupKey) continue;
    await deps.payments.updatePrice(
      price.stripePriceId,
      { lookupKey },
      versionedKey(`admin:price:${price.id}:lookup`, price.updatedAt, { lookupKey }),
    );
    await deps.db.update(planPrices).set({ lookupKey, updatedAt: new Date() }).where(eq(planPrices.id, price.id));
  }
}
