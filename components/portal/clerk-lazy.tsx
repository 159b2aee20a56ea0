'use client';

import { lazyComponent } from '../ui/lazy';

/**
 * Clerk's browser code, loaded only where a Clerk component actually renders (Clerk mode): imported
 * statically, even behind a mode check, it would ship ~46 kB gzipped to every page in local mode too.
 */
export const LazyClerkProvider = lazyComponent(() => import('@clerk/nextjs').then((m) => m.ClerkProvider));
export const LazyOrganizationSwitcher = lazyComponent(() =>
  import('./clerk-widgets').then((m) => m.ClerkOrganizationSwitcher),
);
export const LazySignIn = lazyComponent(() => import('./clerk-widgets').then((m) => m.ClerkSignIn));
