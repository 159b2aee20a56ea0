import type { Metadata } from 'next';
import { PlansTable } from '@/components/admin/plans-table';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Plans' };

export default async function AdminPlansPage() {
  const plans = await (await getServerCaller()).admin.plans.list();
  return <PlansTable initialPlans={plans} />;
}
