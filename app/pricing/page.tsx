import type { Metadata } from 'next';
import { PricingTable } from '@/components/pricing/pricing-table';
import { getServerCaller } from '@/server/trpc/server-caller';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pricing' };

export default async function PricingPage() {
  const plans = await (await getServerCaller()).plans.list();
  return (
    <section className="space-y-8">
      <header className="text-center">
        <h1 className="text-3xl font-bold tracking-tight">Pricing</h1>
        <p className="mt-2 text-slate-600">Pick the plan that fits; change or cancel any time.</p>
      </header>
      {plans.length === 0 ? (
        <p className="text-center text-slate-500">No plans are on sale right now.</p>
      ) : (
        <PricingTable plans={plans} />
      )}
    </section>
  );
}
