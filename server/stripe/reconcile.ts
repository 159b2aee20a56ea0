import { and, eq, isNull, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '@/db/client';
import { billingCustomers, jobState, paymentMethods } from '@/db/schema';
import { applyCustomer, applyPaymentMethod } from './mirror/customers';
import { isPermanentEventError } from './mirror/errors';
import { applyInvoice } from './mirror/invoices';
import type { ApplyOutcome } from './mirror/ordering';
import { applySubscription, type MirrorContext } from './mirror/subscriptions';
import { customerSnapshot, invoiceSnapshot, paymentMethodSnapshot, subscriptionSnapshot } from './snapshots';

export type ReconcileKind = 'customers' | 'subscriptions' | 'invoices' | 'paymentMethods';
const KINDS: ReconcileKind[] = ['customers', 'subscriptions', 'invoices', 'paymentMethods'];

export interface ReconcileSummary {
  mode: 'full' | 'incremental';
  checked: Record<ReconcileKind, number>;
  fixed: Record<ReconcileKind, number>;
  failed: number;
  since: Date | null;
}

export interface ReconcileOptions {
  full: boolean;
  now: Date;
  onProgress?: (done: number, total: number, kind: ReconcileKind) => void;
}

const CURSOR_KEY = 'stripe.reconcile.cursor';
const LEASE_KEY = 'stripe.reconcile.lease';
/** How long a run may hold the lease before another instance may take over (a crashed run). */
const LEASE_MS = 15 * 60_000;
/** Events can be created a little before a run starts and still be in flight: look back a bit. */
const OVERLAP_SECONDS = 300;

/**
 * Compares the mirror with Stripe and fixes what differs: every object with --full, otherwise those
 * changed since the last run (found through Stripe's events). Each object is read from Stripe and
 * applied as the truth in its own transaction, so it is safe beside live webhooks.
 */
export async function reconcileWithStripe(
  db: Database,
  stripe: Stripe,
  options: ReconcileOptions,
): Promise<ReconcileSummary | null> {
  if (!(await takeLease(db, options.now))) return null;
  try {
    const since = options.full ? null : await readCursor(db);
    const work = since ? await changedSince(stripe, since) : await everything(db, stripe);
    const summary: ReconcileSummary = {
      mode: since ? 'incremental' : 'full',
      checked: zero(),
      fixed: zero(),
      failed: 0,
      since,
    };
    const context: MirrorContext = {
      actor: { type: 'system', id: 'reconciliation' },
      stripeEventId: null,
      requestId: null,
      eventAt: options.now,
      authoritative: true,
    };
    const total = KINDS.reduce((n, kind) => n + work[kind].length, 0);
    let done = 0;
    for (const kind of KINDS) {
      for (const load of work[kind]) {
        summary.checked[kind]++;
        try {
          const snapshot = await load();
          const outcome = await db.transaction((tx) => APPLY[kind](tx, snapshot as never, context));
          if (outcome === 'applied') summary.fixed[kind]++;
        } catch (error) {
          if (!isPermanentEventError(error)) throw error;
          summary.failed++;
        }
        options.onProgress?.(++done, total, kind);
      }
    }
    await writeCursor(db, new Date(options.now.getTime() - OVERLAP_SECONDS * 1000));
    return summary;
  } finally {
    await db.delete(jobState).where(eq(jobState.key, LEASE_KEY));
  }
}

type Load = () => Promise<unknown>;
type Work = Record<ReconcileKind, Load[]>;

const APPLY: Record<ReconcileKind, (db: Database, snapshot: never, context: MirrorContext) => Promise<ApplyOutcome>> = {
  customers: (db, s, c) => applyCustomer(db, s, c),
  subscriptions: async (db, s, c) => (await applySubscription(db, s, c)).outcome,
  invoices: async (db, s, c) => (await applyInvoice(db, s, c)).outcome,
  paymentMethods: (db, s: { customerId: string | null }, c) =>
    applyPaymentMethod(db, s as never, s.customerId !== null, c),
};

const zero = (): Record<ReconcileKind, number> => ({ customers: 0, subscriptions: 0, invoices: 0, paymentMethods: 0 });

/** Every object of every customer that is ours, canceled subscriptions included. */
async function everything(db: Database, stripe: Stripe): Promise<Work> {
  const work: Work = { customers: [], subscriptions: [], invoices: [], paymentMethods: [] };
  const customers = await db
    .select({ id: billingCustomers.stripeCustomerId, organizationId: billingCustomers.organizationId })
    .from(billingCustomers);
  for (const { id: customer, organizationId } of customers) {
    if (!customer) continue;
    const c = await stripe.customers.retrieve(customer);
    work.customers.push(async () => customerSnapshot(c));
    for await (const s of stripe.subscriptions.list({ customer, status: 'all', limit: 100 })) {
      work.subscriptions.push(async () => subscriptionSnapshot(s));
    }
    for await (const i of stripe.invoices.list({ customer, limit: 100 }))
      work.invoices.push(async () => invoiceSnapshot(i));
    const attached = new Set<string>();
    for await (const pm of stripe.customers.listPaymentMethods(customer, { limit: 100 })) {
      attached.add(pm.id);
      work.paymentMethods.push(async () => paymentMethodSnapshot(pm));
    }
    // Cards the mirror still shows but Stripe no longer has on this customer.
    const local = await db
      .select({ id: paymentMethods.stripePaymentMethodId })
      .from(paymentMethods)
      .where(and(eq(paymentMethods.organizationId, organizationId), isNull(paymentMethods.detachedAt)));
    for (const { id } of local) {
      if (!attached.has(id))
        work.paymentMethods.push(async () => paymentMethodSnapshot(await stripe.paymentMethods.retrieve(id)));
    }
  }
  return work;
}

const PREFIX_KIND: Array<[string, ReconcileKind]> = [
  ['sub_', 'subscriptions'],
  ['in_', 'invoices'],
  ['pm_', 'paymentMethods'],
  ['cus_', 'customers'],
];

/** Objects Stripe reports changed since `since`, each read fresh (once, however many events it had). */
async function changedSince(stripe: Stripe, since: Date): Promise<Work> {
  const ids = new Map<string, ReconcileKind>();
  for await (const event of stripe.events.list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 })) {
    const id = (event.data.object as { id?: string }).id;
    const kind = id ? PREFIX_KIND.find(([prefix]) => id.startsWith(prefix))?.[1] : undefined;
    if (id && kind) ids.set(id, kind);
  }
  const work: Work = { customers: [], subscriptions: [], invoices: [], paymentMethods: [] };
  for (const [id, kind] of ids) {
    const load: Record<ReconcileKind, Load> = {
      customers: async () => customerSnapshot(await stripe.customers.retrieve(id)),
      subscriptions: async () => subscriptionSnapshot(await stripe.subscriptions.retrieve(id)),
      invoices: async () => invoiceSnapshot(await stripe.invoices.retrieve(id)),
      paymentMethods: async () => paymentMethodSnapshot(await stripe.paymentMethods.retrieve(id)),
    };
    work[kind].push(load[kind]);
  }
  return work;
}

async function readCursor(db: Database): Promise<Date | null> {
  const [row] = await db.select().from(jobState).where(eq(jobState.key, CURSOR_KEY));
  const at = (row?.value as { at?: string } | undefined)?.at;
  return at ? new Date(at) : null;
}

async function writeCursor(db: Database, at: Date) {
  await db
    .insert(jobState)
    .values({ key: CURSOR_KEY, value: { at: at.toISOString() } })
    .onConflictDoUpdate({ target: jobState.key, set: { value: { at: at.toISOString() }, updatedAt: new Date() } });
}

/**
 * Only one instance reconciles at a time (any instance may run the scheduled job): a lease row taken
 * atomically, which expires so a crashed run does not block the next one. Pool-safe, unlike a session lock.
 */
async function takeLease(db: Database, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const [taken] = await db
    .insert(jobState)
    .values({ key: LEASE_KEY, value: { until } })
    .onConflictDoUpdate({
      target: jobState.key,
      set: { value: { until }, updatedAt: new Date() },
      setWhere: sql`(${jobState.value} ->> 'until')::timestamptz < ${now.toISOString()}::timestamptz`,
    })
    .returning({ key: jobState.key });
  return Boolean(taken);
}
