/**
 * The sample catalog of the seed (`001_sample_plans`): fixed plan ids, so the seed README's example
 * request works as written. Prices in minor units; overage unit prices as exact minor-unit decimals.
 */
type FeatureSeed = [
  name: string,
  type: 'boolean' | 'number' | 'text',
  value: string,
  highlighted: boolean,
  description: string,
];
type LimitSeed = [resource: string, max: number, overageMinor: string | null, usage: 'counter' | 'gauge' | 'static'];

export interface PlanSeed {
  id: string;
  name: string;
  displayName: string;
  description: string;
  sortOrder: number;
  monthly: number;
  yearly: number;
  features: FeatureSeed[];
  limits: LimitSeed[];
}

export const STARTER_PLAN_ID = '550e8400-e29b-41d4-a716-446655440001';
export const PRO_PLAN_ID = '550e8400-e29b-41d4-a716-446655440002';
export const ENTERPRISE_PLAN_ID = '550e8400-e29b-41d4-a716-446655440003';

const commonFeature = (highlighted: boolean): FeatureSeed => [
  'real_time_notifications',
  'boolean',
  'true',
  highlighted,
  'Real-time social proof notifications',
];

export const SAMPLE_PLANS: PlanSeed[] = [
  {
    id: STARTER_PLAN_ID,
    name: 'starter',
    displayName: 'Starter',
    description: 'For small sites getting started with social proof.',
    sortOrder: 1,
    monthly: 2900,
    yearly: 29000,
    features: [
      commonFeature(true),
      ['templates', 'number', '5', true, 'Notification templates'],
      ['support', 'text', 'email', false, 'Email support'],
      ['analytics', 'text', 'basic', false, 'Basic analytics'],
      ['custom_branding', 'boolean', 'false', false, 'Custom branding'],
    ],
    limits: [
      ['notifications_per_month', 10_000, '0.1', 'counter'],
      ['websites', 1, null, 'gauge'],
      ['team_members', 3, '500', 'gauge'],
      ['api_requests_per_month', 50_000, '0.01', 'counter'],
      ['data_retention_days', 30, null, 'static'],
    ],
  },
  {
    id: PRO_PLAN_ID,
    name: 'pro',
    displayName: 'Professional',
    description: 'For growing businesses that want more reach and insight.',
    sortOrder: 2,
    monthly: 9900,
    yearly: 99000,
    features: [
      commonFeature(false),
      ['templates', 'number', '25', true, 'Notification templates'],
      ['support', 'text', 'priority', true, 'Priority support'],
      ['analytics', 'text', 'advanced', true, 'Advanced analytics'],
      ['custom_branding', 'boolean', 'true', true, 'Custom branding'],
      ['ab_testing', 'boolean', 'true', false, 'A/B testing'],
      ['api_access', 'boolean', 'true', false, 'API access'],
      ['webhooks', 'boolean', 'true', false, 'Webhooks'],
    ],
    limits: [
      ['notifications_per_month', 100_000, '0.08', 'counter'],
      ['websites', 5, null, 'gauge'],
      ['team_members', 10, '500', 'gauge'],
      ['api_requests_per_month', 500_000, '0.01', 'counter'],
      ['data_retention_days', 90, null, 'static'],
    ],
  },
  {
    id: ENTERPRISE_PLAN_ID,
    name: 'enterprise',
    displayName: 'Enterprise',
    description: 'For organizations that need scale, control and a guaranteed service level.',
    sortOrder: 3,
    monthly: 29900,
    yearly: 299000,
    features: [
      commonFeature(false),
      ['templates', 'text', 'unlimited', true, 'Unlimited templates'],
      ['support', 'text', 'dedicated', true, 'Dedicated support'],
      ['analytics', 'text', 'advanced', false, 'Advanced analytics'],
      ['custom_branding', 'boolean', 'true', false, 'Custom branding'],
      ['white_label', 'boolean', 'true', true, 'White label'],
      ['sso', 'boolean', 'true', true, 'Single sign-on (SSO)'],
      ['custom_integrations', 'boolean', 'true', false, 'Custom integrations'],
      ['sla', 'text', '99.9% uptime', true, 'Service level agreement'],
      ['ab_testing', 'boolean', 'true', false, 'A/B testing'],
      ['api_access', 'boolean', 'true', false, 'API access'],
      ['webhooks', 'boolean', 'true', false, 'Webhooks'],
    ],
    limits: [
      ['notifications_per_month', -1, null, 'counter'],
      ['websites', -1, null, 'gauge'],
      ['team_members', -1, null, 'gauge'],
      ['api_requests_per_month', -1, null, 'counter'],
      ['data_retention_days', 365, null, 'static'],
    ],
  },
];

export interface PromoSeed {
  code: string;
  description: string;
  percentOff?: string;
  amountOff?: number;
  duration: 'once';
  maxRedemptions: number | null;
  validMonths: number | null;
  firstTimeOnly: boolean;
  billingCycle: 'monthly' | 'yearly' | null;
  isActive: boolean;
}

export const SAMPLE_PROMO_CODES: PromoSeed[] = [
  {
    code: 'WELCOME20',
    description: '20% off the first month for new customers',
    percentOff: '20',
    duration: 'once',
    maxRedemptions: 1000,
    validMonths: 3,
    firstTimeOnly: true,
    billingCycle: null,
    isActive: true,
  },
  {
    code: 'SAVE50',
    description: '$50 off a yearly plan',
    amountOff: 5000,
    duration: 'once',
    maxRedemptions: 500,
    validMonths: 6,
    firstTimeOnly: false,
    billingCycle: 'yearly',
    isActive: true,
  },
  {
    code: 'BLACKFRIDAY',
    description: '30% off (inactive until the season)',
    percentOff: '30',
    duration: 'once',
    maxRedemptions: null,
    validMonths: null,
    firstTimeOnly: false,
    billingCycle: null,
    isActive: false,
  },
];
