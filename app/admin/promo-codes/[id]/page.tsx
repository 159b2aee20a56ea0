import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PromoCodeForm } from '@/components/admin/promo-code-form';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Edit promo code' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditPromoCodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const caller = await getServerCaller();
  const [promo, plans] = await Promise.all([
    caller.admin.promoCodes.get({ id }).catch((error: { code?: string }) => {
      if (error.code === 'NOT_FOUND') notFound();
      throw error;
    }),
    caller.admin.plans.list(),
  ]);
  return (
    <PromoCodeForm promo={promo} plans={plans.map(({ id: planId, displayName }) => ({ id: planId, displayName }))} />
  );
}
