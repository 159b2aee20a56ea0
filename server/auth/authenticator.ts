import type { Database } from '@/db/client';
import type { AppConfig } from '../config/config';
import { authenticateApiKey, looksLikeApiKey } from './api-keys';
import { DEMO_PLATFORM_ORG_ID } from './local-directory';
import { loadOrCreateLocalKeys } from './local-keys';
import type { Principal } from './principal';
import { createSessionVerifier, type SessionVerifier } from './session-token';

/** The cookie Clerk keeps the session token in; local sign-in uses the same one. */
export const SESSION_COOKIE = '__session';

export interface AuthResult {
  principal: Principal | null;
  /** Why a presented credential was refused; null when none was presented or it was accepted. */
  failure: string | null;
}

export interface Authenticator {
  mode: 'clerk' | 'local';
  /** Admins of this organization are platform admins. */
  platformOrgId: string | null;
  /** Local mode only: signs demo sessions. */
  localSigningKeyPem: string | null;
  authenticate(headers: Headers, db: Database, now: Date): Promise<AuthResult>;
}

export interface AuthenticatorOptions {
  mode: 'clerk' | 'local';
  jwtKey: string;
  authorizedParties?: string[];
  platformOrgId: string | null;
  localSigningKeyPem?: string | null;
}

/** Reads the caller's credential: `Authorization: Bearer` first (services), then the session cookie (portal). */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const verifySession: SessionVerifier = createSessionVerifier(options);
  return {
    mode: options.mode,
    platformOrgId: options.platformOrgId,
    localSigningKeyPem: options.localSigningKeyPem ?? null,
    async authenticate(headers, db, now) {
      const credential = credentialFrom(headers);
      if (credential === null) return { principal: null, failure: null };
      if ('malformed' in credential) return { principal: null, failure: credential.malformed };
      const verdict = looksLikeApiKey(credential.token)
        ? credential.source === 'header'
          ? await authenticateApiKey(db, credential.token, now)
          : { ok: false as const, reason: 'API keys are accepted only in the Authorization header' }
        : await verifySession(credential.token);
      return verdict.ok
        ? { principal: verdict.principal, failure: null }
        : { principal: null, failure: verdict.reason };
    },
  };
}

type Credential = { token: string; source: 'header' | 'cookie' } | { malformed: string };

function credentialFrom(headers: Headers): Credential | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match
      ? { token: match[1]!, source: 'header' }
      : { malformed: 'Authorization header must be "Bearer <token>"' };
  }
  const cookie = readCookie(headers.get('cookie'), SESSION_COOKIE);
  return cookie ? { token: cookie, source: 'cookie' } : null;
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      return value ? decodeURIComponent(value) : null;
    }
  }
  return null;
}

/** Clerk mode verifies with CLERK_JWT_KEY; local mode with a key pair generated on first start. */
export function authenticatorFromConfig({ env, modes }: AppConfig): Authenticator {
  if (modes.auth === 'clerk') {
    return createAuthenticator({
      mode: 'clerk',
      jwtKey: env.CLERK_JWT_KEY!,
      authorizedParties: env.CLERK_AUTHORIZED_PARTIES,
      platformOrgId: env.PLATFORM_ORG_ID ?? null,
    });
  }
  const keys = loadOrCreateLocalKeys(env.LOCAL_AUTH_DIR);
  return createAuthenticator({
    mode: 'local',
    jwtKey: keys.publicKeyPem,
    platformOrgId: env.PLATFORM_ORG_ID ?? DEMO_PLATFORM_ORG_ID,
    localSigningKeyPem: keys.privateKeyPem,
  });
}
