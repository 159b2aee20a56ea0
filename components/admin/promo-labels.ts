import { formatMoney } from '@/server/billing/money';
import type { PromoCodeOutput } from '@/server/routers/admin/promo-codes.schemas';

/** "20% off" or "$10.00 off". */
export const discountLabel = (p: Pick<PromoCodeOutput, 'discountType' | 'percentOff' | 'amountOff' | 'currency'>) =>
  p.discountType === 'percent' ? `${p.percentOff}% off` : `${formatMoney(p.amountOff ?? 0, p.currency ?? 'usd')} off`;

/** "once", "for 3 months", "forever". */
export const durationLabel = (p: Pick<PromoCodeOutput, 'duration' | 'durationInMonths'>) =>
  p.duration === 'once' ? 'once' : p.duration === 'forever' ? 'forever' : `for ${p.durationInMonths} months`;

export type PromoStatus = 'active' | 'inactive' | 'expired' | 'scheduled' | 'used up';

/** What a customer typing the code now would find, before plan and organization rules. */
export function promoStatus(p: PromoCodeOutput, now = Date.now()): PromoStatus {
  if (!p.isActive) return 'inactive';
  if (p.validUntil && Date.parse(p.validUntil) <= now) return 'expired';
  if (p.validFrom && Date.parse(p.validFrom) > now) return 'scheduled';
  if (p.redemptionsLeft === 0) return 'used up';
  return 'active';
}

/** ISO timestamp ↔ the value of a datetime-local input, in the admin's own time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const fromLocalInput = (value: string): string | null => (value ? new Date(value).toISOString() : null);
