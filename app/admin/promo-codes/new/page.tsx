import type { Metadata } from 'next';
import { PromoCodeForm } from '@/components/admin/promo-code-form';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'New promo code' };

export default async function NewPromoCodePage() {
  const plans = await (await getServerCaller()).admin.plans.list();
  return <PromoCodeForm plans={plans.map(({ id, displayName }) => ({ id, displayName }))} />;
}
