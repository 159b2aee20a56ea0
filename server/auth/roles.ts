import type { OrgRole } from './principal';

const RANK: Record<OrgRole, number> = { 'org:member': 0, 'org:billing': 1, 'org:admin': 2 };

/**
 * Clerk's role as sent in a token (v1 `org:admin`, v2 `admin`) → one of ours.
 * Unknown or custom roles get member rights: never more access than we understand.
 */
export function normalizeRole(raw: unknown): OrgRole {
  if (typeof raw !== 'string') return 'org:member';
  const role = raw.startsWith('org:') ? raw : `org:${raw}`;
  return role in RANK ? (role as OrgRole) : 'org:member';
}

/** True when `role` grants at least what `minimum` grants. */
export const roleAtLeast = (role: OrgRole, minimum: OrgRole): boolean => RANK[role] >= RANK[minimum];

export const ROLE_LABELS: Record<OrgRole, string> = {
  'org:admin': 'Admin',
  'org:billing': 'Billing',
  'org:member': 'Member',
};
