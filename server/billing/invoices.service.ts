import { and, asc, count, desc, eq, gt, lt, or } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { invoiceLines, invoices } from '@/db/schema';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { applyInvoice } from '../stripe/mirror/invoices';
import { recordAudit, type Actor } from './audit.service';
import type { InvoicePreview, PaymentsGateway } from './payments.port';
import { liveSubscription } from './subscriptions.queries';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;

interface Cursor {
  at: string;
  id: string;
}

const encodeCursor = (row: InvoiceRow): string =>
  Buffer.from(JSON.stringify({ at: (row.stripeCreatedAt ?? row.createdAt).toISOString(), id: row.id })).toString(
    'base64url',
  );

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Cursor;
    if (typeof parsed.at !== 'string' || typeof parsed.id !== 'string' || Number.isNaN(Date.parse(parsed.at)))
      throw new Error();
    return parsed;
  } catch {
    throw new ValidationError('The cursor is not valid', { cursor: ['not a cursor from a previous page'] });
  }
}

/** The organization's invoices, newest first, a page at a time (keyset pagination: stable while new ones arrive). */
export async function listInvoices(
  db: Database,
  organizationId: string,
  options: { cursor?: string; limit: number },
): Promise<{ items: InvoiceRow[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const at = new Date(after?.at ?? 0);
  const rows = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.organizationId, organizationId),
        after
          ? or(lt(invoices.stripeCreatedAt, at), and(eq(invoices.stripeCreatedAt, at), lt(invoices.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(invoices.stripeCreatedAt), desc(invoices.id))
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  return { items, nextCursor: rows.length > options.limit ? encodeCursor(items[items.length - 1]!) : null };
}

/**
 * The invoice a past-due subscription waits on: the oldest open one with something left to pay. Asked of
 * the database, not picked from a page of the list, so an organization with many invoices still finds it.
 */
export async function invoiceToSettle(db: Database, organizationId: string): Promise<InvoiceRow | null> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(
      and(eq(invoices.organizationId, organizationId), eq(invoices.status, 'open'), gt(invoices.amountRemaining, 0)),
    )
    .orderBy(asc(invoices.stripeCreatedAt), asc(invoices.id))
    .limit(1);
  return row ?? null;
}

/**
 * The same order by page number, for the seed's REST API (`?limit=&offset=`), with the total so a client
 * can show pages. An invoice arriving between two requests shifts the pages by one; the keyset list above
 * does not, and is what new callers should use.
 */
export async function listInvoicesByOffset(
  db: Database,
  organizationId: string,
  options: { limit: number; offset: number },
): Promise<{ items: InvoiceRow[]; total: number }> {
  const ofOrg = eq(invoices.organizationId, organizationId);
  const [items, [counted]] = await Promise.all([
    db
      .select()
      .from(invoices)
      .where(ofOrg)
      .orderBy(desc(invoices.stripeCreatedAt), desc(invoices.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(invoices).where(ofOrg),
  ]);
  return { items, total: counted?.total ?? 0 };
}

/** One invoice of the organization, with its lines; another organization's reads as not found. */
export async function getInvoice(
  db: Database,
  organizationId: string,
  id: string,
): Promise<InvoiceRow & { lines: InvoiceLineRow[] }> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, id), eq(invoices.organizationId, organizationId)));
  if (!row) throw new NotFoundError('Invoice');
  const lines = await db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, row.id))
    .orderBy(asc(invoiceLines.createdAt));
  return { ...row, lines };
}

/** The next invoice Stripe will issue for the live subscription; null when none will come. */
export async function upcomingInvoice(
  deps: { db: Database; payments: PaymentsGateway },
  organizationId: string,
): Promise<(InvoicePreview & { periodEnd: Date | null }) | null> {
  const live = await liveSubscription(deps.db, organizationId);
  if (!live?.stripeSubscriptionId || !live.stripeCustomerId || live.cancelAtPeriodEnd) return null;
  const preview = await deps.payments.previewUpcomingInvoice(live.stripeCustomerId, live.stripeSubscriptionId);
  return preview ? { ...preview, periodEnd: live.currentPeriodEnd } : null;
}

/** Pays an open invoice now (after a failed renewal, once the card is fixed). */
export async function payInvoice(
  deps: { db: Database; payments: PaymentsGateway },
  caller: { organizationId: string; actor: Actor; requestId: string; now: Date },
  id: string,
): Promise<InvoiceRow> {
  const invoice = await getInvoice(deps.db, caller.organizationId, id);
  if (invoice.status !== 'open' || !invoice.stripeInvoiceId)
    throw new ConflictError('Only an open invoice can be paid');
  const paid = await deps.payments.payInvoice(invoice.stripeInvoiceId, `invoice:pay:${invoice.id}:${caller.requestId}`);
  return deps.db.transaction(async (tx) => {
    const { row } = await applyInvoice(tx, paid, {
      actor: caller.actor,
      stripeEventId: null,
      requestId: caller.requestId,
      eventAt: caller.now,
      authoritative: true,
    });
    await recordAudit(tx, {
      organizationId: caller.organizationId,
      actor: caller.actor,
      action: 'invoice.paid_manually',
      targetType: 'invoice',
      targetId: invoice.id,
      before: { status: invoice.status },
      after: { status: paid.status, amountPaid: paid.amountPaid },
      requestId: caller.requestId,
    });
    return row!;
  });
}
