import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers, invoiceLines, invoices, subscriptions } from '@/db/schema';
import { recordAudit } from '../../billing/audit.service';
import type { InvoiceSnapshot } from '../../billing/payments.port';
import { PermanentEventError } from './errors';
import { gate, later, type ApplyOutcome } from './ordering';
import type { MirrorContext } from './subscriptions';

type InvoiceRow = typeof invoices.$inferSelect;

/** Applies a Stripe invoice and its lines to the mirror, unless the mirror already holds a newer state. */
export async function applyInvoice(
  db: Database,
  snapshot: InvoiceSnapshot,
  context: MirrorContext,
): Promise<{ outcome: ApplyOutcome; row: InvoiceRow | null }> {
  const [existing] = await db.select().from(invoices).where(eq(invoices.stripeInvoiceId, snapshot.id));
  if (existing) {
    const verdict = gate(context.eventAt, existing.stripeEventAt, context.authoritative);
    if (verdict !== 'apply') return { outcome: verdict, row: existing };
  }
  const [customer] = await db
    .select({ organizationId: billingCustomers.organizationId })
    .from(billingCustomers)
    .where(eq(billingCustomers.stripeCustomerId, snapshot.customerId));
  const organizationId = existing?.organizationId ?? customer?.organizationId;
  if (!organizationId) throw new PermanentEventError(`invoice ${snapshot.id} belongs to an unknown customer`);
  const [subscription] = snapshot.subscriptionId
    ? await db
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(eq(subscriptions.stripeSubscriptionId, snapshot.subscriptionId))
    : [];
  const values = {
    organizationId,
    subscriptionId: subscription?.id ?? existing?.subscriptionId ?? null,
    stripeInvoiceId: snapshot.id,
    number: snapshot.number,
    status: snapshot.status,
    billingReason: snapshot.billingReason,
    currency: snapshot.currency,
    subtotal: snapshot.subtotal,
    discountTotal: snapshot.discountTotal,
    tax: snapshot.tax,
    total: snapshot.total,
    amountDue: snapshot.amountDue,
    amountPaid: snapshot.amountPaid,
    amountRemaining: snapshot.amountRemaining,
    attemptCount: snapshot.attemptCount,
    periodStart: snapshot.periodStart,
    periodEnd: snapshot.periodEnd,
    dueDate: snapshot.dueDate,
    paidAt: snapshot.paidAt,
    nextPaymentAttempt: snapshot.nextPaymentAttempt,
    hostedInvoiceUrl: snapshot.hostedInvoiceUrl,
    invoicePdf: snapshot.invoicePdf,
    stripeCreatedAt: snapshot.created,
    stripeEventAt: later(existing?.stripeEventAt, context.eventAt),
    updatedAt: new Date(),
  };
  const [row] = existing
    ? await db.update(invoices).set(values).where(eq(invoices.id, existing.id)).returning()
    : await db.insert(invoices).values(values).onConflictDoNothing().returning();
  // A concurrent writer inserted it first: apply over that row instead.
  if (!row) return applyInvoice(db, snapshot, context);
  await replaceLines(db, row!, snapshot);
  const statusChanged = existing?.status !== row!.status || existing?.amountPaid !== row!.amountPaid;
  if (statusChanged) {
    await recordAudit(db, {
      organizationId,
      actor: context.actor,
      action: existing ? 'invoice.synced' : 'invoice.imported',
      targetType: 'invoice',
      targetId: row!.id,
      before: existing ? { status: existing.status, amountPaid: existing.amountPaid } : undefined,
      after: { status: row!.status, amountPaid: row!.amountPaid, total: row!.total },
      requestId: context.requestId,
      stripeEventId: context.stripeEventId,
    });
  }
  return { outcome: statusChanged || !existing ? 'applied' : 'unchanged', row: row! };
}

/** Lines are Stripe's to define: the mirror takes them as a whole. */
async function replaceLines(db: Database, row: InvoiceRow, snapshot: InvoiceSnapshot) {
  await db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, row.id));
  if (snapshot.lines.length === 0) return;
  await db.insert(invoiceLines).values(
    snapshot.lines.map((line) => ({
      invoiceId: row.id,
      organizationId: row.organizationId,
      stripeLineId: line.id,
      description: line.description,
      amount: line.amount,
      currency: line.currency,
      quantity: line.quantity,
      unitAmountDecimal: line.unitAmountDecimal,
      proration: line.proration,
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
      stripePriceId: line.priceId,
    })),
  );
}
