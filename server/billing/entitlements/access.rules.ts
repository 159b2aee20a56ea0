import type { SubscriptionStatus } from '@/db/schema';

export type AccessSource = 'plan' | 'grace' | 'fallback' | 'none';
export type AccessDenial = 'no_subscription' | 'payment_grace_expired';

export interface AccessDecision {
  source: AccessSource;
  /** Why the subscription's plan does not apply; null when it does. */
  denial: AccessDenial | null;
  graceEndsAt: Date | null;
}

/**
 * Which entitlements an organization has: its plan while the subscription is good; its plan during the
 * grace period after a failed payment; otherwise the fallback plan (a free tier) if configured, or none.
 */
export function decideAccess(
  subscription: { status: SubscriptionStatus; pastDueSince: Date | null } | null,
  options: { now: Date; graceDays: number; hasFallbackPlan: boolean },
): AccessDecision {
  const fallback = (denial: AccessDenial, graceEndsAt: Date | null = null): AccessDecision => ({
    source: options.hasFallbackPlan ? 'fallback' : 'none',
    denial,
    graceEndsAt,
  });
  if (!subscription) return fallback('no_subscription');
  switch (subscription.status) {
    case 'active':
    case 'trialing':
      return { source: 'plan', denial: null, graceEndsAt: null };
    case 'past_due': {
      const since = subscription.pastDueSince ?? options.now;
      const graceEndsAt = new Date(since.getTime() + options.graceDays * 86_400_000);
      return options.now < graceEndsAt
        ? { source: 'grace', denial: null, graceEndsAt }
        : fallback('payment_grace_expired', graceEndsAt);
    }
    case 'unpaid':
      return fallback('payment_grace_expired');
    default:
      return fallback('no_subscription');
  }
}
