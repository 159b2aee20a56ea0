import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { LazyClerkProvider } from '@/components/portal/clerk-lazy';
import { SiteHeader } from '@/components/portal/site-header';
import { TestModeBanner } from '@/components/portal/test-mode-banner';
import { getCurrentViewer } from '@/server/auth/current-viewer';
import { getConfig } from '@/server/config/current';
import './globals.css';

// Every page depends on who is signed in and on the mode read at start, never on the build.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Billing', template: '%s · Billing' },
  description: 'Plans, subscriptions, usage and invoices.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const config = getConfig();
  const viewer = await getCurrentViewer();
  const page = (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {config.embedded && <TestModeBanner modes={config.modes} />}
        <SiteHeader viewer={viewer} authMode={config.modes.auth} />
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
  // The publishable key comes from the environment at request time, so one build serves every mode;
  // Clerk's script carries this response's CSP nonce (set by the proxy) or the browser would refuse it.
  if (config.modes.auth !== 'clerk') return page;
  return (
    <LazyClerkProvider
      publishableKey={config.env.CLERK_PUBLISHABLE_KEY}
      nonce={(await headers()).get('x-nonce') ?? undefined}
    >
      {page}
    </LazyClerkProvider>
  );
}
