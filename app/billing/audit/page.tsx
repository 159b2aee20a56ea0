import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { auditFiltersFrom, auditQueryOf } from '@/components/billing/audit-filters';
import { AuditLogView } from '@/components/billing/audit-log-view';
import { Notice } from '@/components/ui/card';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { roleAtLeast } from '@/server/auth/roles';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireOrgViewer('/billing/audit');
  if (!roleAtLeast(viewer.role, 'org:admin')) {
    return <Notice tone="warning">Only organization admins can read the audit log.</Notice>;
  }
  const filters = auditFiltersFrom(await searchParams);
  const caller = await getServerCaller();
  // A stale or edited link (bad cursor, bad action) gets a message, not an error page.
  const page = await caller.audit.list(auditQueryOf(filters)).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === 'BAD_REQUEST') return error;
    throw error;
  });
  if (page instanceof TRPCError) {
    return <Notice tone="error">{page.message} — clear the filters and try again.</Notice>;
  }
  return <AuditLogView page={page} filters={filters} />;
}
