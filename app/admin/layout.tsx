import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { TRPCReactProvider } from '@/components/trpc/client';
import { Notice } from '@/components/ui/card';
import { getCurrentViewer } from '@/server/auth/current-viewer';

export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin · Billing' } };

/** The platform admin's console: what is sold (plans, promo codes) and support look-ups. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await getCurrentViewer();
  if (!viewer) redirect('/sign-in?redirectTo=/admin');
  if (!viewer.isPlatformAdmin) {
    // The API refuses these callers anyway; this only spares them a page of errors.
    return <Notice tone="warning">Only platform admins can open the admin console.</Notice>;
  }
  return (
    <TRPCReactProvider>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Platform admin</h1>
          <p className="text-sm text-slate-500">The catalog every organization buys from, and support look-ups</p>
        </div>
        <AdminNav />
        {children}
      </div>
    </TRPCReactProvider>
  );
}
