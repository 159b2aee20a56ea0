import type { UserPrincipal } from './principal';
import { normalizeRole } from './roles';

/** The claims we read from a Clerk session token, v1 or v2 (see clerk-tokens.md). */
export interface SessionClaims {
  sub?: unknown;
  sid?: unknown;
  v?: unknown;
  o?: { id?: unknown; rol?: unknown; slg?: unknown } | null;
  org_id?: unknown;
  org_role?: unknown;
  org_slug?: unknown;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * A verified token's claims → who is calling. v2 nests the active organization under `o` (role without
 * the `org:` prefix); v1 has flat `org_id`/`org_role`. No active organization leaves orgId null.
 */
export function principalFromClaims(claims: SessionClaims): UserPrincipal | null {
  const userId = str(claims.sub);
  if (!userId) return null;
  const v2 = claims.v === 2 || (claims.o !== undefined && claims.o !== null);
  const orgId = v2 ? str(claims.o?.id) : str(claims.org_id);
  const role = v2 ? claims.o?.rol : claims.org_role;
  const slug = v2 ? str(claims.o?.slg) : str(claims.org_slug);
  return {
    kind: 'user',
    userId,
    sessionId: str(claims.sid),
    orgId,
    orgRole: orgId ? normalizeRole(role) : null,
    orgSlug: orgId ? slug : null,
  };
}
