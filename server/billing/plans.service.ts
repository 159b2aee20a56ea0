import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { planFeatures, planLimits, planPrices, plans } from '@/db/schema';
import { NotFoundError } from '../errors';
import { normalizeDecimal } from './money';

type PlanRow = typeof plans.$inferSelect;
type FeatureRow = typeof planFeatures.$inferSelect;
type LimitRow = typeof planLimits.$inferSelect;
type PriceRow = typeof planPrices.$inferSelect;

export interface PlanPriceView {
  id: string;
  currency: string;
  billingCycle: 'monthly' | 'yearly';
  unitAmount: number;
  stripePriceId: string | null;
}

export interface PlanFeatureView {
  id: string;
  name: string;
  description: string | null;
  featureType: 'boolean' | 'number' | 'text';
  value: string;
  isHighlighted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlanLimitView {
  id: string;
  resourceType: string;
  maxValue: number;
  unlimited: boolean;
  /** Exact minor units per unit above the included quantity; null when none is billed. */
  overageUnitPrice: string | null;
  enforcement: 'hard' | 'soft';
  usageType: 'counter' | 'gauge' | 'static';
  createdAt: Date;
  updatedAt: Date;
}

/** A plan with what it costs in its default currency, and what it includes. */
export interface PlanView {
  id: string;
  name: string;
  displayName: string;
  description: string | null;
  currency: string;
  priceMonthly: number | null;
  priceYearly: number | null;
  stripeProductId: string | null;
  stripeMonthlyPriceId: string | null;
  stripeYearlyPriceId: string | null;
  trialDays: number;
  isPublic: boolean;
  isActive: boolean;
  sortOrder: number;
  prices: PlanPriceView[];
  features: PlanFeatureView[];
  limits: PlanLimitView[];
  createdAt: Date;
  updatedAt: Date;
}

/** A limit without an explicit rule is soft when overage is priced, hard otherwise. */
export function effectiveEnforcement(limit: Pick<LimitRow, 'enforcement' | 'overageUnitPrice'>): 'hard' | 'soft' {
  return limit.enforcement ?? (limit.overageUnitPrice === null ? 'hard' : 'soft');
}

/** Public, active plans in display order, with prices, features and limits. */
export async function listPublicPlans(db: Database): Promise<PlanView[]> {
  const rows = await db
    .select()
    .from(plans)
    .where(and(eq(plans.isActive, true), eq(plans.isPublic, true)))
    .orderBy(asc(plans.sortOrder), asc(plans.name));
  return assemble(db, rows);
}

/** One public, active plan; archived or private plans read as not found. */
export async function getPublicPlan(db: Database, id: string): Promise<PlanView> {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.id, id), eq(plans.isActive, true), eq(plans.isPublic, true)));
  if (!row) throw new NotFoundError('Plan');
  const [view] = await assemble(db, [row]);
  return view!;
}

/** Any plan by id, archived included: subscribers of an archived plan still read it. */
export async function getPlanById(db: Database, id: string): Promise<PlanView> {
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  if (!row) throw new NotFoundError('Plan');
  const [view] = await assemble(db, [row]);
  return view!;
}

async function assemble(db: Database, rows: PlanRow[]): Promise<PlanView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [prices, features, limits] = await Promise.all([
    db
      .select()
      .from(planPrices)
      .where(and(inArray(planPrices.planId, ids), eq(planPrices.isActive, true)))
      // A stable order, so two reads of one plan compare equal whatever plan PostgreSQL picks.
      .orderBy(asc(planPrices.currency), asc(planPrices.billingCycle)),
    db
      .select()
      .from(planFeatures)
      .where(inArray(planFeatures.planId, ids))
      .orderBy(asc(planFeatures.sortOrder), asc(planFeatures.name)),
    db.select().from(planLimits).where(inArray(planLimits.planId, ids)).orderBy(asc(planLimits.resourceType)),
  ]);
  return rows.map((plan) =>
    toView(
      plan,
      prices.filter((p) => p.planId === plan.id),
      features.filter((f) => f.planId === plan.id),
      limits.filter((l) => l.planId === plan.id),
    ),
  );
}

function toView(plan: PlanRow, prices: PriceRow[], features: FeatureRow[], limits: LimitRow[]): PlanView {
  const inDefault = (cycle: 'monthly' | 'yearly') =>
    prices.find((p) => p.currency === plan.currency && p.billingCycle === cycle);
  const monthly = inDefault('monthly');
  const yearly = inDefault('yearly');
  return {
    id: plan.id,
    name: plan.name,
    displayName: plan.displayName,
    description: plan.description,
    currency: plan.currency,
    priceMonthly: monthly?.unitAmount ?? null,
    priceYearly: yearly?.unitAmount ?? null,
    stripeProductId: plan.stripeProductId,
    stripeMonthlyPriceId: monthly?.stripePriceId ?? null,
    stripeYearlyPriceId: yearly?.stripePriceId ?? null,
    trialDays: plan.trialDays,
    isPublic: plan.isPublic,
    isActive: plan.isActive,
    sortOrder: plan.sortOrder,
    prices: prices.map((p) => ({
      id: p.id,
      currency: p.currency,
      billingCycle: p.billingCycle,
      unitAmount: p.unitAmount,
      stripePriceId: p.stripePriceId,
    })),
    features: features.map((f) => ({
      id: f.id,
      name: f.name,
      description: f.description,
      featureType: f.featureType,
      value: f.value,
      isHighlighted: f.isHighlighted,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
    })),
    limits: limits.map((l) => ({
      id: l.id,
      resourceType: l.resourceType,
      maxValue: l.maxValue,
      unlimited: l.maxValue === -1,
      overageUnitPrice: l.overageUnitPrice === null ? null : normalizeDecimal(l.overageUnitPrice),
      enforcement: effectiveEnforcement(l),
      usageType: l.usageType,
      createdAt: l.createdAt,
      updatedAt: l.updatedAt,
    })),
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}
