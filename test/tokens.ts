import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import type { OrgRole } from '../server/auth/principal';

/** A test RSA-2048 key pair standing in for Clerk's instance key. */
function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

export const TEST_KEYS = keyPair();
/** Another instance's key: tokens it signs must be refused. */
export const OTHER_KEYS = keyPair();

/** The application origin test tokens are issued for (`azp`). */
export const TEST_AUTHORIZED_PARTY = 'https://app.billing.test';

export interface TokenOptions {
  userId?: string;
  orgId?: string | null;
  role?: OrgRole | string;
  /** 2 (default): `o: {id, rol, slg}`; 1: `org_id`, `org_role`. */
  version?: 1 | 2;
  azp?: string;
  expiresInSeconds?: number;
  privateKeyPem?: string;
  issuer?: string;
}

/** Mints a Clerk-shaped session token as Clerk would (RS256). */
export async function mintToken(options: TokenOptions = {}): Promise<string> {
  const { userId = 'user_test', orgId = 'org_test', role = 'org:admin', version = 2 } = options;
  const now = Math.floor(Date.now() / 1000);
  const bareRole = role.replace(/^org:/, '');
  const orgClaims =
    orgId === null
      ? {}
      : version === 2
        ? { v: 2, o: { id: orgId, rol: bareRole, slg: orgId.replace(/^org_/, '') } }
        : { org_id: orgId, org_role: role.startsWith('org:') ? role : `org:${role}`, org_slug: orgId };
  const jwt = new SignJWT({
    sid: `sess_${randomUUID().slice(0, 8)}`,
    ...orgClaims,
    azp: options.azp ?? TEST_AUTHORIZED_PARTY,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'ins_test' })
    .setSubject(userId)
    .setIssuer(options.issuer ?? 'https://clerk.billing.test')
    .setIssuedAt(now - 10)
    .setNotBefore(now - 10)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600));
  return jwt.sign(await importPKCS8(options.privateKeyPem ?? TEST_KEYS.privateKeyPem, 'RS256'));
}

/** Flips a character of the payload: the signature no longer matches. */
export function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const flipped = payload.slice(0, 10) + (payload[10] === 'A' ? 'B' : 'A') + payload.slice(11);
  return [header, flipped, signature].join('.');
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
