import type { Authenticator } from './authenticator';
import { DEMO_ORGANIZATIONS, findDemoOrganization, findDemoUser } from './local-directory';
import type { OrgRole, Principal } from './principal';

/** What the portal header shows about the person signed in. */
export interface Viewer {
  userId: string;
  name: string;
  email: string | null;
  orgId: string | null;
  orgName: string | null;
  role: OrgRole | null;
  isPlatformAdmin: boolean;
  /** Organizations the header's switcher offers (local sign-in knows them; Clerk's switcher fetches its own). */
  organizations: Array<{ id: string; name: string; role: OrgRole }>;
}

/** Describes a signed-in person; API keys are not viewers. */
export function viewerOf(
  principal: Principal | null,
  auth: Pick<Authenticator, 'mode' | 'platformOrgId'>,
): Viewer | null {
  if (!principal || principal.kind !== 'user') return null;
  const demo = auth.mode === 'local' ? findDemoUser(principal.userId) : undefined;
  const orgName = principal.orgId
    ? (findDemoOrganization(principal.orgId)?.name ?? principal.orgSlug ?? principal.orgId)
    : null;
  return {
    userId: principal.userId,
    name: demo?.name ?? principal.userId,
    email: demo?.email ?? null,
    orgId: principal.orgId,
    orgName: auth.mode === 'local' ? orgName : (principal.orgSlug ?? principal.orgId),
    role: principal.orgRole,
    isPlatformAdmin:
      auth.platformOrgId !== null && principal.orgId === auth.platformOrgId && principal.orgRole === 'org:admin',
    organizations: (demo?.memberships ?? []).map((m) => ({
      id: m.orgId,
      name: DEMO_ORGANIZATIONS.find((o) => o.id === m.orgId)?.name ?? m.orgId,
      role: m.role,
    })),
  };
}
