import type { Metadata } from 'next';
import { OrganizationSupport } from '@/components/admin/organization-support';
import { buttonClass } from '@/components/ui/button';
import { Card, Notice } from '@/components/ui/card';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Organizations' };

/** Support look-up: an organization's billing, read-only. A plain GET form, so the URL can be shared. */
export default async function AdminOrganizationsPage({
  searchParams,
}: {
  searchParams: Promise<{ organizationId?: string }>;
}) {
  const organizationId = (await searchParams).organizationId?.trim();
  const view = organizationId
    ? await (await getServerCaller()).admin.organizations.get({ organizationId }).catch((e: Error) => e)
    : null;
  return (
    <div className="space-y-6">
      <Card title="Look up an organization">
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="organization-id" className="block text-sm font-medium">
              Organization id
            </label>
            <input
              id="organization-id"
              name="organizationId"
              defaultValue={organizationId ?? ''}
              placeholder="org_…"
              className="mt-1 w-72 rounded-lg border border-slate-300 px-3 py-2 font-mono text-sm"
            />
          </div>
          <button type="submit" className={buttonClass('primary')}>
            Look up
          </button>
        </form>
      </Card>
      {view instanceof Error ? (
        <Notice tone="error">{view.message}</Notice>
      ) : (
        view && <OrganizationSupport view={view} />
      )}
    </div>
  );
}
