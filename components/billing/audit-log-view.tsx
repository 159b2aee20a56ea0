import Link from 'next/link';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';
import { buttonClass } from '../ui/button';
import { Card } from '../ui/card';
import { auditHref, type AuditFilters } from './audit-filters';

type AuditPage = inferRouterOutputs<AppRouter>['audit']['list'];

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { timeZone: 'UTC', timeZoneName: 'short' });
const inputClass = 'mt-1 rounded-lg border border-slate-300 px-3 py-2 text-sm';

/**
 * The organization's audit log: filters and pages are plain links and a GET form, so the page works
 * without client-side JavaScript and every view has a URL an admin can share.
 */
export function AuditLogView({ page, filters }: { page: AuditPage; filters: AuditFilters }) {
  const { cursor, ...kept } = filters;
  return (
    <div className="space-y-6">
      <Card title="Filter">
        <form action="/billing/audit" method="get" className="flex flex-wrap items-end gap-3">
          <label className="text-sm font-medium">
            Action
            <input
              name="action"
              defaultValue={filters.action}
              placeholder="e.g. api_key or api_key.created"
              className={`${inputClass} block w-64`}
            />
          </label>
          <label className="text-sm font-medium">
            From
            <input type="date" name="from" defaultValue={filters.from} className={`${inputClass} block`} />
          </label>
          <label className="text-sm font-medium">
            To
            <input type="date" name="to" defaultValue={filters.to} className={`${inputClass} block`} />
          </label>
          <button type="submit" className={buttonClass('primary')}>
            Apply
          </button>
          <Link href="/billing/audit" className={buttonClass('ghost')}>
            Clear
          </Link>
        </form>
      </Card>
      <Card title="Entries">
        {page.entries.length === 0 ? (
          <p className="text-sm text-slate-500">No entries match.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Audit log">
              <thead className="text-xs text-slate-500 uppercase">
                <tr>
                  <th className="py-2 pr-4">When</th>
                  <th className="py-2 pr-4">Action</th>
                  <th className="py-2 pr-4">By</th>
                  <th className="py-2 pr-4">Target</th>
                  <th className="py-2">Details</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((entry) => (
                  <tr key={entry.id} className="border-t border-slate-100 align-top">
                    <td className="py-2 pr-4 text-xs whitespace-nowrap">{when(entry.createdAt)}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{entry.action}</td>
                    <td className="py-2 pr-4 text-xs">
                      {entry.actorType}
                      {entry.actorId && <span className="block font-mono text-slate-500">{entry.actorId}</span>}
                    </td>
                    <td className="py-2 pr-4 text-xs">
                      {entry.targetType ?? '—'}
                      {entry.targetId && <span className="block font-mono text-slate-500">{entry.targetId}</span>}
                    </td>
                    <td className="py-2 text-xs">
                      {entry.before !== null || entry.after !== null ? (
                        <details>
                          <summary className="cursor-pointer text-slate-600">Changes</summary>
                          <pre className="mt-1 max-w-md overflow-x-auto rounded bg-slate-50 p-2 text-[11px]">
                            {JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}
                          </pre>
                        </details>
                      ) : (
                        '—'
                      )}
                      {entry.requestId && <span className="block text-slate-400">request {entry.requestId}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label="Audit log pages" className="mt-4 flex gap-2">
          {cursor && (
            <Link href={auditHref(kept)} className={buttonClass('secondary')}>
              First page
            </Link>
          )}
          {page.nextCursor && (
            <Link href={auditHref(kept, page.nextCursor)} className={buttonClass('secondary')} data-testid="audit-next">
              Older entries
            </Link>
          )}
        </nav>
      </Card>
    </div>
  );
}
