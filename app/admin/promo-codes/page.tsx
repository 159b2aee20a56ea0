import type { Metadata } from 'next';
import { PromoCodesTable } from '@/components/admin/promo-codes-table';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'Promo codes' };

export default async function AdminPromoCodesPage() {
  const caller = await getServerCaller();
  const [codes, plans] = await Promise.all([caller.admin.promoCodes.list(), caller.admin.plans.list()]);
  return (
    <PromoCodesTable initialCodes={codes} planNames={Object.fromEntries(plans.map((p) => [p.id, p.displayName]))} />
  );
}
