import type { Ctx } from '../state/context';
import type { Invoice } from '../state/objects';
import { activeDiscounts, type ActiveDiscount } from './discounts';
import { allocate, percentOf } from './money';

/**
 * Recomputes a draft's money: subtotal, discounts (each coupon on what the previous ones left, a
 * percentage rounded half-up once per invoice and spread over the lines), total, and what is due
 * after the customer's balance. Finalized invoices keep the figures they were finalized with.
 */
export function refreshTotals(ctx: Ctx, invoice: Invoice): void {
  if (invoice.status !== 'draft') return;
  const lines = invoice.lines.data;
  for (const line of lines) line.discount_amounts = [];
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const remaining = lines.map((line) => line.amount);
  const totals: Array<{ amount: number; discount: string }> = [];
  for (const active of activeDiscounts(ctx, invoice.discounts.map(String), invoice.created)) {
    const eligible = lines
      .map((line, i) =>
        line.discountable && appliesTo(active, String(line.pricing?.price_details?.product ?? '')) ? i : -1,
      )
      .filter((i) => i >= 0);
    const base = eligible.reduce((sum, i) => sum + (remaining[i] ?? 0), 0);
    const amount = discountAmount(active, base, invoice.currency);
    const shares = allocate(
      amount,
      eligible.map((i) => Math.max(0, remaining[i] ?? 0)),
    );
    eligible.forEach((lineIndex, k) => {
      const share = shares[k] ?? 0;
      remaining[lineIndex] = (remaining[lineIndex] ?? 0) - share;
      lines[lineIndex]?.discount_amounts?.push({ amount: share, discount: active.discount.id });
    });
    totals.push({ amount, discount: active.discount.id });
  }
  const discounted = totals.reduce((sum, d) => sum + d.amount, 0);
  invoice.subtotal = subtotal;
  invoice.subtotal_excluding_tax = subtotal;
  invoice.total_discount_amounts = totals;
  invoice.total = subtotal - discounted;
  invoice.total_excluding_tax = invoice.total;
  const balance = customerBalance(ctx, invoice);
  invoice.starting_balance = balance;
  invoice.amount_due = Math.max(0, invoice.total + balance);
  invoice.amount_remaining = invoice.amount_due - invoice.amount_paid;
}

function appliesTo(active: ActiveDiscount, product: string): boolean {
  const products = active.coupon.applies_to?.products;
  return !products || products.includes(product);
}

function discountAmount(active: ActiveDiscount, base: number, currency: string): number {
  if (base <= 0) return 0;
  const { percent_off, amount_off, currency: couponCurrency } = active.coupon;
  if (percent_off !== null) return Math.min(base, percentOf(base, percent_off));
  if (amount_off !== null && couponCurrency === currency) return Math.min(base, amount_off);
  return 0;
}

/** Credit (negative) or debt (positive) the customer carries into this invoice. */
function customerBalance(ctx: Ctx, invoice: Invoice): number {
  const customer = ctx.tx.get('customer', String(invoice.customer));
  return customer?.balance ?? 0;
}

/** On finalization the balance is consumed: what the invoice does not use stays on the customer. */
export function settleBalance(ctx: Ctx, invoice: Invoice): void {
  const customer = ctx.tx.get('customer', String(invoice.customer));
  if (!customer) return;
  const due = invoice.total + invoice.starting_balance;
  invoice.ending_balance = Math.min(0, due);
  customer.balance = invoice.ending_balance;
}
