import type { ApiKeyScope } from '@/db/schema';

/** Clerk's organization roles; an unknown role gets member rights. */
export type OrgRole = 'org:admin' | 'org:billing' | 'org:member';

/** A signed-in person, as a verified session token describes them. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  sessionId: string | null;
  orgId: string | null;
  orgRole: OrgRole | null;
  orgSlug: string | null;
}

/** Another service calling with an API key. */
export interface ApiKeyPrincipal {
  kind: 'apiKey';
  keyId: string;
  organizationId: string;
  /** A platform key may act for any organization it names in the input. */
  isPlatform: boolean;
  scopes: ApiKeyScope[];
}

export type Principal = UserPrincipal | ApiKeyPrincipal;
