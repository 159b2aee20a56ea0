import Link from 'next/link';
import type { Viewer } from '@/server/auth/viewer';
import { UserMenu } from './user-menu';

export function SiteHeader({ viewer, authMode }: { viewer: Viewer | null; authMode: 'clerk' | 'local' }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div className="flex items-center gap-5">
          <Link href="/pricing" className="font-semibold tracking-tight">
            Billing
          </Link>
          <div className="flex gap-4 text-sm text-slate-600">
            <Link href="/pricing" className="hover:text-slate-900">
              Pricing
            </Link>
            {viewer && (
              <Link href="/billing" className="hover:text-slate-900">
                Your billing
              </Link>
            )}
            {viewer?.isPlatformAdmin && (
              <Link href="/admin" className="hover:text-slate-900">
                Admin
              </Link>
            )}
          </div>
        </div>
        <UserMenu viewer={viewer} authMode={authMode} />
      </nav>
    </header>
  );
}
