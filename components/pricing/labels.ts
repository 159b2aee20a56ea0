import { formatUnitPrice } from '@/server/billing/money';
import type { PlanOutput } from '@/server/routers/plans.schemas';

type Limit = PlanOutput['limits'][number];
type Feature = PlanOutput['features'][number];

const RESOURCE_LABELS: Record<string, { unit: string; per?: string }> = {
  notifications_per_month: { unit: 'notifications', per: 'month' },
  api_requests_per_month: { unit: 'API requests', per: 'month' },
  websites: { unit: 'websites' },
  team_members: { unit: 'team members' },
  data_retention_days: { unit: 'days of data retention' },
};

const number = new Intl.NumberFormat('en-US');

/** "10,000 notifications / month", "Unlimited websites". */
export function limitLabel(limit: Limit): string {
  const label = RESOURCE_LABELS[limit.resourceType] ?? { unit: limit.resourceType.replaceAll('_', ' ') };
  const amount = limit.unlimited ? 'Unlimited' : number.format(limit.maxValue);
  return `${amount} ${label.unit}${label.per ? ` / ${label.per}` : ''}`;
}

/** "then $0.001 each", from an exact minor-unit decimal. */
export function overageLabel(limit: Limit, currency: string): string | null {
  if (limit.unlimited || limit.overageUnitPrice === null || limit.usageType === 'static') return null;
  return `then ${formatUnitPrice(limit.overageUnitPrice, currency)} each`;
}

/** "5 notification templates", "Priority support", "SSO". */
export function featureLabel(feature: Feature): string {
  const name = feature.description ?? feature.name.replaceAll('_', ' ');
  if (feature.featureType === 'number') return `${number.format(Number(feature.value))} ${name.toLowerCase()}`;
  return name;
}

export const featureIncluded = (feature: Feature) => !(feature.featureType === 'boolean' && feature.value !== 'true');
