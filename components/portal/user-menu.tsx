import Link from 'next/link';
import { ROLE_LABELS } from '@/server/auth/roles';
import type { Viewer } from '@/server/auth/viewer';
import { buttonClass } from '../ui/button';
import { LazyOrganizationSwitcher } from './clerk-lazy';

/** Who is signed in, in which organization and role, with the org switcher and sign-out. */
export function UserMenu({ viewer, authMode }: { viewer: Viewer | null; authMode: 'clerk' | 'local' }) {
  if (!viewer) {
    return (
      <Link href="/sign-in" className={buttonClass('secondary')}>
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="user-menu">
      <div className="text-right leading-tight">
        <div className="font-medium" data-testid="viewer-name">
          {viewer.name}
        </div>
        <div className="text-xs text-slate-500">
          <span data-testid="viewer-org">{viewer.orgName ?? 'No organization'}</span>
          {viewer.role && (
            <>
              {' · '}
              <span data-testid="viewer-role">{ROLE_LABELS[viewer.role]}</span>
            </>
          )}
          {viewer.isPlatformAdmin && ' · Platform admin'}
        </div>
      </div>
      {authMode === 'clerk' ? (
        <LazyOrganizationSwitcher />
      ) : (
        viewer.organizations.length > 1 && (
          <form action="/api/local-auth/switch" method="post" className="flex items-center gap-1">
            <label className="sr-only" htmlFor="org-switcher">
              Organization
            </label>
            <select
              id="org-switcher"
              name="orgId"
              defaultValue={viewer.orgId ?? undefined}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
            >
              {viewer.organizations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name} ({ROLE_LABELS[org.role]})
                </option>
              ))}
            </select>
            <button type="submit" className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
              Switch
            </button>
          </form>
        )
      )}
      {authMode === 'local' && (
        <form action="/api/local-auth/sign-out" method="post">
          <button type="submit" className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
            Sign out
          </button>
        </form>
      )}
    </div>
  );
}
