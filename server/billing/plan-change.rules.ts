import type { BillingCycle } from '@/db/schema';

export interface PricePoint {
  planId: string;
  billingCycle: BillingCycle;
  unitAmount: number;
}

export type PlanChange = 'same' | 'upgrade' | 'downgrade';

/** Price per year, so monthly and yearly prices compare fairly. */
const yearly = (p: PricePoint) => (p.billingCycle === 'monthly' ? p.unitAmount * 12 : p.unitAmount);

/**
 * Upgrades take effect now (prorated, charged at once); downgrades at the period end. A move to a
 * lower price, or from yearly to monthly, is a downgrade; monthly to yearly is an upgrade.
 */
export function classifyPlanChange(current: PricePoint, target: PricePoint): PlanChange {
  if (current.planId === target.planId && current.billingCycle === target.billingCycle) return 'same';
  if (current.billingCycle === 'yearly' && target.billingCycle === 'monthly') return 'downgrade';
  if (current.billingCycle === 'monthly' && target.billingCycle === 'yearly') return 'upgrade';
  return yearly(target) >= yearly(current) ? 'upgrade' : 'downgrade';
}
