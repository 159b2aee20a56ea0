import type { Metadata } from 'next';
import { UsageDashboard } from '@/components/billing/usage-dashboard';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Usage' };

export default async function UsagePage() {
  await requireOrgViewer('/billing/usage');
  const caller = await getServerCaller();
  const [summary, entitlements] = await Promise.all([caller.usage.summary(), caller.entitlements.list()]);
  const daily = Object.fromEntries(
    await Promise.all(
      summary.metrics.map(
        async (m) =>
          [m.metric, (await caller.usage.daily({ metric: m.metric, periodStart: summary.periodStart })).days] as const,
      ),
    ),
  );
  return <UsageDashboard summary={summary} entitlements={entitlements} daily={daily} now={new Date()} />;
}
