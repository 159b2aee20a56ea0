'use client';

import { useState } from 'react';
import type { PlanOutput } from '@/server/routers/plans.schemas';
import { BillingCycleToggle, type BillingCycle } from './billing-cycle-toggle';
import { PlanCard } from './plan-card';

/** The public catalog with a monthly/yearly switch; rendered on the server, the switch hydrates. */
export function PricingTable({ plans }: { plans: PlanOutput[] }) {
  const [cycle, setCycle] = useState<BillingCycle>('monthly');
  return (
    <div className="space-y-8">
      <div className="flex justify-center">
        <BillingCycleToggle value={cycle} onChange={setCycle} />
      </div>
      <ul className="grid gap-6 md:grid-cols-3" aria-label="Plans">
        {plans.map((plan) => (
          <li key={plan.id}>
            <PlanCard plan={plan} cycle={cycle} />
          </li>
        ))}
      </ul>
    </div>
  );
}
