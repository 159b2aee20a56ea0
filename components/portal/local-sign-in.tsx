import { DEMO_ORGANIZATIONS, DEMO_USERS } from '@/server/auth/local-directory';
import { ROLE_LABELS } from '@/server/auth/roles';
import { buttonClass } from '../ui/button';
import { Notice } from '../ui/card';

const orgName = (id: string) => DEMO_ORGANIZATIONS.find((o) => o.id === id)?.name ?? id;

/** Demo people in demo organizations, one per role, for the embedded default. */
export function LocalSignIn({ redirectTo }: { redirectTo: string }) {
  return (
    <div className="space-y-4">
      <Notice tone="warning">
        Local sign-in: Clerk is not configured, so these demo accounts stand in for real users. Pick one to see the
        portal as that person.
      </Notice>
      <ul className="space-y-3">
        {DEMO_USERS.map((user) => (
          <li key={user.id} className="rounded-xl border border-slate-200 bg-white p-4">
            <div className="font-medium">{user.name}</div>
            <div className="text-xs text-slate-500">{user.email}</div>
            <div className="mt-3 flex flex-wrap gap-2">
              {user.memberships.map((membership) => (
                <form key={membership.orgId} action="/api/local-auth/sign-in" method="post">
                  <input type="hidden" name="userId" value={user.id} />
                  <input type="hidden" name="orgId" value={membership.orgId} />
                  <input type="hidden" name="redirectTo" value={redirectTo} />
                  <button type="submit" className={buttonClass('secondary', 'text-xs')}>
                    {`Sign in as ${user.name} — ${ROLE_LABELS[membership.role]}, ${orgName(membership.orgId)}`}
                  </button>
                </form>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
