import { randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { ValidationError } from '../errors';
import { findDemoOrganization, findDemoUser } from './local-directory';

export const LOCAL_ISSUER = 'https://local-sign-in.billing.invalid';
const SESSION_DAYS = 7;

export interface LocalSession {
  token: string;
  expiresAt: Date;
}

/**
 * Signs a Clerk-shaped v2 session token for a demo user in one of their organizations. It is verified
 * by the same code as Clerk's tokens; only the key differs.
 */
export async function mintLocalSession(
  privateKeyPem: string,
  input: { userId: string; orgId: string | null; now: Date },
): Promise<LocalSession> {
  const user = findDemoUser(input.userId);
  if (!user) throw new ValidationError('Unknown demo user', { userId: ['no such demo user'] });
  const membership = input.orgId ? user.memberships.find((m) => m.orgId === input.orgId) : undefined;
  if (input.orgId && !membership) {
    throw new ValidationError(`${user.name} is not a member of that organization`, { orgId: ['not a member'] });
  }
  const org = membership ? findDemoOrganization(membership.orgId) : undefined;
  const issuedAt = Math.floor(input.now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + SESSION_DAYS * 86_400) * 1000);
  const key = await importPKCS8(privateKeyPem, 'RS256');
  const token = await new SignJWT({
    v: 2,
    sid: `sess_local_${randomUUID().replaceAll('-', '')}`,
    ...(membership && org ? { o: { id: org.id, rol: membership.role.replace(/^org:/, ''), slg: org.slug } } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'local' })
    .setSubject(user.id)
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt - 5)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
  return { token, expiresAt };
}
