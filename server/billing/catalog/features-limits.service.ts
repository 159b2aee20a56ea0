import { and, eq, notInArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { planFeatures, planLimits } from '@/db/schema';
import { ConflictError, ValidationError } from '../../errors';
import { recordAudit } from '../audit.service';
import { effectiveEnforcement } from '../plans.service';
import { forgetMeteredMetrics } from '../usage/metrics-catalog';
import { isUniqueViolation } from '../subscribe.service';
import type { CatalogCaller } from './catalog.deps';
import { featureValueError, limitError } from './catalog.rules';
import { loadPlan } from './plan-prices.service';
import { getPlanForAdmin, type AdminPlanView } from './plans-admin.queries';

export interface FeatureInput {
  /** Given for a feature that exists: its row is edited in place, even when renamed. */
  id?: string;
  name: string;
  description: string | null;
  featureType: 'boolean' | 'number' | 'text';
  value: string;
  isHighlighted: boolean;
}

export interface LimitInput {
  id?: string;
  resourceType: string;
  /** Included quantity; -1 is unlimited. */
  maxValue: number;
  enforcement: 'hard' | 'soft';
  /** Exact minor units per unit above the included quantity. */
  overageUnitPrice: string | null;
  usageType: 'counter' | 'gauge' | 'static';
}

type Table = typeof planFeatures | typeof planLimits;

/**
 * Replaces a plan's rows of one kind with `wanted`, matching by id, else by key (name or resource type),
 * and editing matched rows in place: row ids stay stable, so whatever reads entitlements from these
 * rows (at read time, per request) sees the change at once, and nothing keyed by id breaks.
 */
async function replaceRows<Row extends { id: string }>(
  db: Database,
  table: Table,
  planId: string,
  existing: Row[],
  wanted: Array<{ id?: string; key: string; values: Record<string, unknown> }>,
  keyOf: (row: Row) => string,
): Promise<void> {
  const matched = wanted.map((w) => ({
    ...w,
    row: existing.find((r) => r.id === w.id) ?? (w.id ? undefined : existing.find((r) => keyOf(r) === w.key)),
  }));
  const unknown = matched.find((m) => m.id && !m.row);
  if (unknown) throw new ValidationError(`No such row on this plan: ${unknown.id}`, { id: ['not on this plan'] });
  const kept = matched.flatMap((m) => (m.row ? [m.row.id] : []));
  await db.delete(table).where(and(eq(table.planId, planId), kept.length ? notInArray(table.id, kept) : undefined));
  const now = new Date();
  for (const [index, m] of matched.entries()) {
    const values = { ...m.values, ...('sortOrder' in table ? { sortOrder: index } : {}), updatedAt: now };
    if (m.row) await db.update(table).set(values).where(eq(table.id, m.row.id));
    else await db.insert(table).values({ ...values, planId } as never);
  }
}

function assertUnique(keys: string[], field: string) {
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated) throw new ValidationError(`"${repeated}" appears twice`, { [field]: [`"${repeated}" appears twice`] });
}

async function inTransaction(db: Database, work: (tx: Database) => Promise<void>) {
  try {
    await db.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('Two rows would have the same name: rename one first');
    throw error;
  }
}

const featureTerms = ({ name, featureType, value, isHighlighted }: Omit<FeatureInput, 'id'>) => ({
  name,
  featureType,
  value,
  isHighlighted,
});
const limitTerms = (l: Omit<LimitInput, 'id' | 'usageType'>) => ({
  resourceType: l.resourceType,
  maxValue: l.maxValue,
  enforcement: l.enforcement,
  overageUnitPrice: l.overageUnitPrice,
});

/** Refuses repeated names and values that do not fit their type, before anything is written. */
export function validateFeatures(features: FeatureInput[]): void {
  assertUnique(
    features.map((f) => f.name),
    'features',
  );
  for (const [index, f] of features.entries()) {
    const error = featureValueError(f.featureType, f.value);
    if (error) throw new ValidationError(`${f.name}: ${error}`, { [`features.${index}.value`]: [error] });
  }
}

/** Refuses repeated resources and contradictory terms (an unlimited or hard limit with overage), before writing. */
export function validateLimits(limits: LimitInput[]): void {
  assertUnique(
    limits.map((l) => l.resourceType),
    'limits',
  );
  for (const [index, limit] of limits.entries()) {
    const error = limitError(limit);
    if (error) {
      throw new ValidationError(`${limit.resourceType}: ${error.message}`, {
        [`limits.${index}.${error.field}`]: [error.message],
      });
    }
  }
}

/** Writes validated features inside the caller's transaction, with the audit row. */
export async function writeFeatures(tx: Database, caller: CatalogCaller, planId: string, features: FeatureInput[]) {
  const existing = await tx.select().from(planFeatures).where(eq(planFeatures.planId, planId));
  await replaceRows(
    tx,
    planFeatures,
    planId,
    existing,
    features.map(({ id, ...values }) => ({ id, key: values.name, values })),
    (row) => row.name,
  );
  await recordAudit(tx, {
    organizationId: null,
    actor: caller.actor,
    action: 'plan.features_set',
    targetType: 'plan',
    targetId: planId,
    before: existing.map(featureTerms),
    after: features.map(featureTerms),
    requestId: caller.requestId,
  });
}

/** Writes validated limits inside the caller's transaction, with the audit row. */
export async function writeLimits(tx: Database, caller: CatalogCaller, planId: string, limits: LimitInput[]) {
  const existing = await tx.select().from(planLimits).where(eq(planLimits.planId, planId));
  await replaceRows(
    tx,
    planLimits,
    planId,
    existing,
    limits.map(({ id, ...values }) => ({ id, key: values.resourceType, values })),
    (row) => row.resourceType,
  );
  await recordAudit(tx, {
    organizationId: null,
    actor: caller.actor,
    action: 'plan.limits_set',
    targetType: 'plan',
    targetId: planId,
    before: existing.map((l) => limitTerms({ ...l, enforcement: effectiveEnforcement(l) })),
    after: limits.map(limitTerms),
    requestId: caller.requestId,
  });
}

/** Sets a plan's features; subscribers' entitlements follow at once (no re-subscribe). */
export async function setPlanFeatures(
  db: Database,
  caller: CatalogCaller,
  planId: string,
  features: FeatureInput[],
): Promise<AdminPlanView> {
  await loadPlan(db, planId);
  validateFeatures(features);
  await inTransaction(db, (tx) => writeFeatures(tx, caller, planId, features));
  return getPlanForAdmin(db, planId);
}

/** Sets a plan's limits; subscribers' entitlements follow at once (no re-subscribe). */
export async function setPlanLimits(
  db: Database,
  caller: CatalogCaller,
  planId: string,
  limits: LimitInput[],
): Promise<AdminPlanView> {
  await loadPlan(db, planId);
  validateLimits(limits);
  await inTransaction(db, (tx) => writeLimits(tx, caller, planId, limits));
  forgetMeteredMetrics(); // a new metered resource is accepted by usage.record at once (on this instance)
  return getPlanForAdmin(db, planId);
}
