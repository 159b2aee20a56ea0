export type CheckReason =
  'ok' | 'soft_limit_overage' | 'hard_limit_reached' | 'feature_disabled' | 'no_subscription' | 'payment_grace_expired';

export interface LimitTerms {
  maxValue: number;
  overageUnitPrice: string | null;
  enforcement: 'hard' | 'soft';
  usageType: 'counter' | 'gauge' | 'static';
}

export interface FeatureTerms {
  featureType: 'boolean' | 'number' | 'text';
  value: string;
}

export interface CheckResult {
  allowed: boolean;
  key: string;
  /** Included quantity; null = unlimited (or not a quantity). */
  limit: number | null;
  used: number;
  /** What is left before the limit; null when unlimited. */
  remaining: number | null;
  /** Units above the included quantity, counting this request. */
  overage: number;
  reason: CheckReason;
}

/** A feature is on when true, a positive number, or any text (e.g. "priority"). */
export function featureEnabled(feature: FeatureTerms): boolean {
  if (feature.featureType === 'boolean') return feature.value === 'true';
  if (feature.featureType === 'number') return Number(feature.value) > 0 || feature.value === '-1';
  return feature.value.trim().length > 0 && feature.value !== 'false';
}

/**
 * May `quantity` more be used, given `used` so far? Unlimited always allows; a soft limit allows and
 * reports the overage; a hard limit refuses anything beyond it. A static limit (e.g. retention days)
 * is a setting: asking for up to it is allowed.
 */
export function checkLimit(key: string, limit: LimitTerms, used: number, quantity: number): CheckResult {
  if (limit.maxValue === -1)
    return { allowed: true, key, limit: null, used, remaining: null, overage: 0, reason: 'ok' };
  if (limit.usageType === 'static') {
    const allowed = quantity <= limit.maxValue;
    return {
      allowed,
      key,
      limit: limit.maxValue,
      used: 0,
      remaining: limit.maxValue,
      overage: 0,
      reason: allowed ? 'ok' : 'hard_limit_reached',
    };
  }
  const after = used + quantity;
  const remaining = Math.max(0, limit.maxValue - used);
  if (after <= limit.maxValue)
    return { allowed: true, key, limit: limit.maxValue, used, remaining, overage: 0, reason: 'ok' };
  const overage = after - Math.max(limit.maxValue, used);
  if (limit.enforcement === 'soft') {
    return {
      allowed: true,
      key,
      limit: limit.maxValue,
      used,
      remaining,
      overage: after - limit.maxValue,
      reason: 'soft_limit_overage',
    };
  }
  return {
    allowed: false,
    key,
    limit: limit.maxValue,
    used,
    remaining,
    overage: Math.max(0, overage),
    reason: 'hard_limit_reached',
  };
}

export function checkFeature(key: string, feature: FeatureTerms): CheckResult {
  const allowed = featureEnabled(feature);
  return {
    allowed,
    key,
    limit: null,
    used: 0,
    remaining: null,
    overage: 0,
    reason: allowed ? 'ok' : 'feature_disabled',
  };
}

/** Refused before looking at limits: no plan applies. */
export function denied(
  key: string,
  reason: 'no_subscription' | 'payment_grace_expired' | 'feature_disabled',
): CheckResult {
  return { allowed: false, key, limit: null, used: 0, remaining: null, overage: 0, reason };
}
