import type { BadgeTone } from '../ui/badge';

/**
 * Words and formats the portal shows. Dates are in UTC (as billing periods are), so the server's first
 * render and the browser's agree.
 */

const DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const NUMBER = new Intl.NumberFormat('en-US');

/** "Mar 5, 2026"; "—" when there is no date. */
export const formatDate = (iso: string | null | undefined): string => (iso ? DATE.format(new Date(iso)) : '—');

/** "Mar 5" (a chart axis, where the year is obvious). */
export const formatDay = (iso: string): string => DAY.format(new Date(iso));

/** "Mar 5, 2026 – Apr 5, 2026". */
export const formatPeriod = (start: string | null, end: string | null): string =>
  start && end ? `${formatDate(start)} – ${formatDate(end)}` : '—';

export const formatNumber = (value: number): string => NUMBER.format(value);

export type SubscriptionStatus =
  'active' | 'trialing' | 'past_due' | 'unpaid' | 'canceled' | 'incomplete' | 'incomplete_expired' | 'paused';

export const SUBSCRIPTION_STATUS: Record<SubscriptionStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  trialing: { label: 'Trial', tone: 'info' },
  past_due: { label: 'Past due', tone: 'danger' },
  unpaid: { label: 'Unpaid', tone: 'danger' },
  canceled: { label: 'Canceled', tone: 'neutral' },
  incomplete: { label: 'Incomplete', tone: 'warning' },
  incomplete_expired: { label: 'Expired', tone: 'neutral' },
  paused: { label: 'Paused', tone: 'warning' },
};

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export const INVOICE_STATUS: Record<InvoiceStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  open: { label: 'Due', tone: 'warning' },
  paid: { label: 'Paid', tone: 'success' },
  uncollectible: { label: 'Uncollectible', tone: 'danger' },
  void: { label: 'Void', tone: 'neutral' },
};

export const cycleLabel = (cycle: 'monthly' | 'yearly'): string => (cycle === 'monthly' ? 'Monthly' : 'Yearly');
export const perCycle = (cycle: 'monthly' | 'yearly'): string => (cycle === 'monthly' ? 'month' : 'year');

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** "Visa", "American Express"; an unknown brand as Stripe names it, capitalised. */
export function cardBrand(brand: string | null): string {
  if (!brand) return 'Card';
  return BRANDS[brand.toLowerCase()] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}

/** "04/2027"; "—" when unknown. */
export function cardExpiry(month: number | null, year: number | null): string {
  if (!month || !year) return '—';
  return `${String(month).padStart(2, '0')}/${year}`;
}

/** A card is good through the last day of its expiry month. */
export function cardExpired(month: number | null, year: number | null, now: Date): boolean {
  if (!month || !year) return false;
  return now.getUTCFullYear() * 12 + now.getUTCMonth() + 1 > year * 12 + month;
}

/** "Visa •••• 4242". */
export const cardLabel = (card: { brand: string | null; last4: string | null }): string =>
  `${cardBrand(card.brand)} •••• ${card.last4 ?? '????'}`;

const METRICS: Record<string, string> = {
  notifications_per_month: 'Notifications',
  api_requests_per_month: 'API requests',
  websites: 'Websites',
  team_members: 'Team members',
  data_retention_days: 'Data retention (days)',
};

/** A metric key as a person reads it: "notifications_per_month" → "Notifications". */
export function metricLabel(metric: string): string {
  const known = METRICS[metric];
  if (known) return known;
  const words = metric.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
