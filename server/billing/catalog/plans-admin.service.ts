import { and, eq, inArray, max, ne } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { planPrices, plans } from '@/db/schema';
import { AppError, ValidationError } from '../../errors';
import { recordAudit } from '../audit.service';
import { isUniqueViolation } from '../subscribe.service';
import { forgetMeteredMetrics } from '../usage/metrics-catalog';
import type { CatalogCaller, CatalogDeps } from './catalog.deps';
import { definedOnly, lookupKeyOf, priceSetErrors, type WantedPrice } from './catalog.rules';
import { versionedKey } from './stripe-keys';
import {
  validateFeatures,
  validateLimits,
  writeFeatures,
  writeLimits,
  type FeatureInput,
  type LimitInput,
} from './features-limits.service';
import {
  ensurePlanInStripe,
  loadPlan,
  renameLookupKeys,
  setPlanPrices,
  tryEnsurePlanInStripe,
} from './plan-prices.service';
import { getPlanForAdmin, listPlansForAdmin, type AdminPlanView } from './plans-admin.queries';

type PlanRow = typeof plans.$inferSelect;

export interface PlanDetails {
  /** The slug. */
  name: string;
  displayName: string;
  description: string | null;
  /** The default currency: the one the pricing page shows. */
  currency: string;
  trialDays: number;
  isPublic: boolean;
  sortOrder: number;
}

export interface CreatePlanInput extends Omit<PlanDetails, 'sortOrder'> {
  /** Omitted: after every other plan. */
  sortOrder?: number;
  prices: WantedPrice[];
  features?: FeatureInput[];
  limits?: LimitInput[];
}

export type UpdatePlanInput = Partial<PlanDetails> & { prices?: WantedPrice[] };

const nameTaken = (name: string) =>
  new AppError('CONFLICT', `A plan named "${name}" already exists`, { fieldErrors: { name: ['already taken'] } });

async function assertNameFree(db: Database, name: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.name, name), exceptId ? ne(plans.id, exceptId) : undefined));
  if (taken) throw nameTaken(name);
}

const details = (plan: PlanRow): PlanDetails => ({
  name: plan.name,
  displayName: plan.displayName,
  description: plan.description,
  currency: plan.currency,
  trialDays: plan.trialDays,
  isPublic: plan.isPublic,
  sortOrder: plan.sortOrder,
});

/**
 * Creates a plan with its prices, features and limits, then puts it in Stripe (a product, a price per
 * currency and cycle). The rows come first: if Stripe is down the plan is saved with `inStripe: false`
 * and saving it again (or the start-up sync) finishes the job.
 */
export async function createPlan(deps: CatalogDeps, caller: CatalogCaller, input: CreatePlanInput) {
  const errors = priceSetErrors(input.prices, input.currency);
  if (errors.length > 0)
    throw new ValidationError(`The prices are not valid: ${errors.join('; ')}`, { prices: errors });
  validateFeatures(input.features ?? []);
  validateLimits(input.limits ?? []);
  await assertNameFree(deps.db, input.name);
  const { prices, features, limits, ...fields } = input;
  const [last] = await deps.db.select({ max: max(plans.sortOrder) }).from(plans);
  const plan = { ...fields, sortOrder: fields.sortOrder ?? (last?.max ?? 0) + 1 };
  let created: PlanRow;
  try {
    created = await deps.db.transaction(async (tx) => {
      const [row] = await tx.insert(plans).values(plan).returning();
      await tx
        .insert(planPrices)
        .values(
          prices.map((p) => ({ ...p, planId: row!.id, lookupKey: lookupKeyOf(row!.name, p.billingCycle, p.currency) })),
        );
      await recordAudit(tx, {
        organizationId: null,
        actor: caller.actor,
        action: 'plan.created',
        targetType: 'plan',
        targetId: row!.id,
        after: { ...details(row!), prices },
        requestId: caller.requestId,
      });
      if (features?.length) await writeFeatures(tx, caller, row!.id, features);
      if (limits?.length) await writeLimits(tx, caller, row!.id, limits);
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
  if (limits?.length) forgetMeteredMetrics();
  await tryEnsurePlanInStripe(deps, created.id);
  return getPlanForAdmin(deps.db, created.id);
}

/**
 * Edits a plan: the Stripe product first (name and description), then the row; a new slug moves the
 * prices' lookup keys; new amounts go through the price change path (setPlanPrices).
 */
export async function updatePlan(
  deps: CatalogDeps,
  caller: CatalogCaller,
  id: string,
  input: UpdatePlanInput,
): Promise<AdminPlanView> {
  const plan = await loadPlan(deps.db, id);
  const { prices, ...changes } = definedOnly(input);
  const next = { ...details(plan), ...changes };
  if (next.name !== plan.name) await assertNameFree(deps.db, next.name, plan.id);
  const onSale =
    prices ??
    (await deps.db
      .select()
      .from(planPrices)
      .where(and(eq(planPrices.planId, plan.id), eq(planPrices.isActive, true))));
  const errors = priceSetErrors(onSale, next.currency);
  if (errors.length > 0) {
    throw new ValidationError(`The prices are not valid: ${errors.join('; ')}`, {
      [prices ? 'prices' : 'currency']: errors,
    });
  }
  const productParams = {
    name: next.displayName,
    description: next.description,
    metadata: { plan_id: plan.id, plan_name: next.name },
  };
  const productChanged =
    next.displayName !== plan.displayName || next.description !== plan.description || next.name !== plan.name;
  if (plan.stripeProductId && productChanged) {
    await deps.payments.updateProduct(
      plan.stripeProductId,
      productParams,
      versionedKey(`admin:product:${plan.id}`, plan.updatedAt, productParams),
    );
  }
  const changed = (Object.keys(next) as Array<keyof PlanDetails>).filter((k) => next[k] !== plan[k]);
  if (changed.length > 0) {
    try {
      await deps.db.transaction(async (tx) => {
        await tx
          .update(plans)
          .set({ ...next, updatedAt: new Date() })
          .where(eq(plans.id, plan.id));
        await recordAudit(tx, {
          organizationId: null,
          actor: caller.actor,
          action: 'plan.updated',
          targetType: 'plan',
          targetId: plan.id,
          before: Object.fromEntries(changed.map((k) => [k, plan[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
          requestId: caller.requestId,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(next.name);
      throw error;
    }
  }
  if (next.name !== plan.name) await renameLookupKeys(deps, plan.id);
  if (prices) await setPlanPrices(deps, caller, plan.id, prices);
  await ensurePlanInStripe(deps, plan.id);
  return getPlanForAdmin(deps.db, plan.id);
}

/**
 * Archives a plan or puts it back on sale. Archived plans leave the catalog and Stripe's (the product is
 * archived) but keep their prices, so their subscribers renew, cancel and resume as before.
 */
export async function setPlanArchived(
  deps: CatalogDeps,
  caller: CatalogCaller,
  id: string,
  archived: boolean,
): Promise<AdminPlanView> {
  const plan = await loadPlan(deps.db, id);
  if (plan.isActive === !archived) return getPlanForAdmin(deps.db, id);
  if (plan.stripeProductId) {
    const params = { active: !archived };
    await deps.payments.updateProduct(
      plan.stripeProductId,
      params,
      versionedKey(`admin:product:${plan.id}:active`, plan.updatedAt, params),
    );
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(plans)
      .set({ isActive: !archived, archivedAt: archived ? caller.now : null, updatedAt: new Date() })
      .where(eq(plans.id, plan.id));
    await recordAudit(tx, {
      organizationId: null,
      actor: caller.actor,
      action: archived ? 'plan.archived' : 'plan.restored',
      targetType: 'plan',
      targetId: plan.id,
      before: { isActive: plan.isActive },
      after: { isActive: !archived },
      requestId: caller.requestId,
    });
  });
  if (!archived) await ensurePlanInStripe(deps, plan.id);
  return getPlanForAdmin(deps.db, id);
}

/** Puts the given plans in this display order (1, 2, 3, …); plans not listed keep theirs. */
export async function reorderPlans(db: Database, caller: CatalogCaller, planIds: string[]): Promise<AdminPlanView[]> {
  if (new Set(planIds).size !== planIds.length) {
    throw new ValidationError('A plan appears twice', { planIds: ['each plan once'] });
  }
  const found = await db.select({ id: plans.id }).from(plans).where(inArray(plans.id, planIds));
  if (found.length !== planIds.length) throw new ValidationError('Unknown plan', { planIds: ['unknown plan id'] });
  await db.transaction(async (tx) => {
    const now = new Date();
    for (const [index, id] of planIds.entries()) {
      await tx
        .update(plans)
        .set({ sortOrder: index + 1, updatedAt: now })
        .where(eq(plans.id, id));
    }
    await recordAudit(tx, {
      organizationId: null,
      actor: caller.actor,
      action: 'plan.reordered',
      targetType: 'plan',
      after: { planIds },
      requestId: caller.requestId,
    });
  });
  return listPlansForAdmin(db);
}
