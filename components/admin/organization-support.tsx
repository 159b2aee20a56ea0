import { formatMoney } from '@/server/billing/money';
import type { OrganizationSupportOutput } from '@/server/routers/admin/organizations.schemas';
import { Card } from '../ui/card';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-US', { timeZone: 'UTC' }) + ' UTC' : '—');
const cell = 'py-1.5 pr-4';

/** One organization for support, read-only: subscription, invoices, usage against its limits, audit log. */
export function OrganizationSupport({ view }: { view: OrganizationSupportOutput }) {
  const sub = view.subscription;
  return (
    <div className="space-y-6" data-testid="organization-support">
      <Card title={`Organization ${view.organizationId}`}>
        {sub ? (
          <dl className="grid gap-x-6 gap-y-1 text-sm md:grid-cols-2">
            <dt className="text-slate-500">Plan</dt>
            <dd>
              {sub.plan.displayName} ({sub.billingCycle}, {formatMoney(sub.unitAmount, sub.currency)})
            </dd>
            <dt className="text-slate-500">Status</dt>
            <dd>
              {sub.status}
              {sub.cancelAtPeriodEnd && ', cancels at period end'}
            </dd>
            <dt className="text-slate-500">Current period</dt>
            <dd>
              {when(sub.currentPeriodStart)} – {when(sub.currentPeriodEnd)}
            </dd>
            {sub.pendingChange && (
              <>
                <dt className="text-slate-500">Pending change</dt>
                <dd>
                  {sub.pendingChange.plan?.displayName ?? sub.pendingChange.planId} ({sub.pendingChange.billingCycle})
                  on {when(sub.pendingChange.effectiveAt)}
                </dd>
              </>
            )}
            <dt className="text-slate-500">Stripe</dt>
            <dd className="font-mono text-xs">
              {sub.stripeSubscriptionId ?? '—'} · {sub.stripeCustomerId ?? '—'}
            </dd>
            <dt className="text-slate-500">Promo codes used</dt>
            <dd>{view.promoRedemptions.map((r) => r.code).join(', ') || 'none'}</dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-500">
            No subscription. {view.customer ? 'A billing customer exists.' : 'Nothing billed to this organization yet.'}
          </p>
        )}
      </Card>
      <Card title="Invoices">
        {view.invoices.length === 0 ? (
          <p className="text-sm text-slate-500">No invoices.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Invoices">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className={cell}>Number</th>
                <th className={cell}>Date</th>
                <th className={cell}>Reason</th>
                <th className={cell}>Status</th>
                <th className={cell}>Total</th>
                <th className={cell}>Paid</th>
              </tr>
            </thead>
            <tbody>
              {view.invoices.map((i) => (
                <tr key={i.id} className="border-t border-slate-100">
                  <td className={cell}>{i.number ?? '—'}</td>
                  <td className={cell}>{when(i.createdAt)}</td>
                  <td className={cell}>{i.billingReason ?? '—'}</td>
                  <td className={cell}>{i.status}</td>
                  <td className={`${cell} tabular-nums`}>{formatMoney(i.total, i.currency)}</td>
                  <td className={`${cell} tabular-nums`}>{formatMoney(i.amountPaid, i.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Usage">
        {view.usage.length === 0 ? (
          <p className="text-sm text-slate-500">No usage recorded.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Usage">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className={cell}>Metric</th>
                <th className={cell}>Period from</th>
                <th className={cell}>Used</th>
                <th className={cell}>Included</th>
                <th className={cell}>Overage billed</th>
              </tr>
            </thead>
            <tbody>
              {view.usage.map((u) => (
                <tr key={`${u.metric}-${u.periodStart}`} className="border-t border-slate-100">
                  <td className={`${cell} font-mono text-xs`}>{u.metric}</td>
                  <td className={cell}>{when(u.periodStart)}</td>
                  <td className={`${cell} tabular-nums`}>{u.quantity.toLocaleString('en-US')}</td>
                  <td className={`${cell} tabular-nums`}>
                    {u.included === null ? '—' : u.included === -1 ? 'unlimited' : u.included.toLocaleString('en-US')}
                  </td>
                  <td className={`${cell} tabular-nums`}>{u.billedQuantity.toLocaleString('en-US')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Audit log">
        {view.audit.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing recorded.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Audit log">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className={cell}>When</th>
                <th className={cell}>Action</th>
                <th className={cell}>By</th>
                <th className={cell}>Target</th>
              </tr>
            </thead>
            <tbody>
              {view.audit.map((a) => (
                <tr key={a.id} className="border-t border-slate-100">
                  <td className={`${cell} text-xs`}>{when(a.createdAt)}</td>
                  <td className={`${cell} font-mono text-xs`}>{a.action}</td>
                  <td className={`${cell} text-xs`}>
                    {a.actorType}
                    {a.actorId && `: ${a.actorId}`}
                  </td>
                  <td className={`${cell} text-xs`}>{a.targetType ? `${a.targetType} ${a.targetId ?? ''}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
