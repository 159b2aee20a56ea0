import { verifyToken } from '@clerk/backend';
import type { UserPrincipal } from './principal';
import { principalFromClaims, type SessionClaims } from './session-claims';

export interface SessionVerifierOptions {
  /** PEM public key: Clerk's (CLERK_JWT_KEY) or the local sign-in key. Verification never uses the network. */
  jwtKey: string;
  /** Accepted `azp` values; unchecked when empty. */
  authorizedParties?: string[];
}

export type SessionVerdict = { ok: true; principal: UserPrincipal } | { ok: false; reason: string };

export type SessionVerifier = (token: string) => Promise<SessionVerdict>;

/**
 * Verifies a Clerk-shaped session token (RS256) with Clerk's own SDK, networkless with `jwtKey`:
 * the same path for Clerk's tokens and for local sign-in's.
 */
export function createSessionVerifier({ jwtKey, authorizedParties }: SessionVerifierOptions): SessionVerifier {
  const parties = authorizedParties?.length ? authorizedParties : undefined;
  return async (token) => {
    try {
      const claims = (await verifyToken(token, { jwtKey, authorizedParties: parties })) as SessionClaims;
      const principal = principalFromClaims(claims);
      return principal ? { ok: true, principal } : { ok: false, reason: 'token has no subject' };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  };
}

/** Clerk's verification errors name the failed check; pass on the kind, not the token. */
function reasonOf(error: unknown): string {
  const reason = (error as { reason?: string }).reason;
  if (reason === 'token-expired') return 'session token expired';
  if (reason === 'token-invalid-authorized-parties') return 'session token not issued for this application';
  if (reason === 'token-invalid-signature' || reason === 'token-verification-failed') {
    return 'session token signature is invalid';
  }
  return 'session token is invalid';
}
