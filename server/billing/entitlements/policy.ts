import type { AppConfig } from '../../config/config';
import type { EntitlementPolicy } from './context.service';

/** The grace period and fallback plan, as configured. */
export const entitlementPolicyOf = ({ env }: AppConfig): EntitlementPolicy => ({
  graceDays: env.BILLING_GRACE_DAYS,
  fallbackPlanId: env.BILLING_FALLBACK_PLAN_ID ?? null,
});
