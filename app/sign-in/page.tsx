import type { Metadata } from 'next';
import { LazySignIn } from '@/components/portal/clerk-lazy';
import { LocalSignIn } from '@/components/portal/local-sign-in';
import { getConfig } from '@/server/config/current';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ redirectTo?: string }> }) {
  const { redirectTo } = await searchParams;
  const config = getConfig();
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      {config.modes.auth === 'clerk' ? <LazySignIn /> : <LocalSignIn redirectTo={redirectTo ?? '/billing'} />}
    </section>
  );
}
