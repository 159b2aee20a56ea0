import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { PortalNav } from '@/components/portal/portal-nav';
import { Notice } from '@/components/ui/card';
import { TRPCReactProvider } from '@/components/trpc/client';
import { ToastProvider } from '@/components/ui/toast';
import { getCurrentViewer } from '@/server/auth/current-viewer';

/** The billing portal of the active organization: signed-in people only. */
export default async function BillingLayout({ children }: { children: ReactNode }) {
  const viewer = await getCurrentViewer();
  if (!viewer) redirect('/sign-in?redirectTo=/billing');
  if (!viewer.orgId || !viewer.role) {
    return <Notice tone="warning">Choose an organization to see its billing.</Notice>;
  }
  return (
    <TRPCReactProvider>
      <ToastProvider>
        <div className="space-y-6">
          <div>
            <h1 className="text-2xl font-bold tracking-tight">{viewer.orgName}</h1>
            <p className="text-sm text-slate-500">Billing for your organization</p>
          </div>
          <PortalNav role={viewer.role} />
          {children}
        </div>
      </ToastProvider>
    </TRPCReactProvider>
  );
}
