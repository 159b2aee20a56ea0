import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PlanEditor } from '@/components/admin/plan-editor';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Edit plan' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const plan = await (await getServerCaller()).admin.plans.get({ id }).catch((error: { code?: string }) => {
    if (error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return <PlanEditor initialPlan={plan} />;
}
