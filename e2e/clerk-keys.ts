import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The host a `pk_live_` key names (base64 of `host$`); a cookie token's `iss` must be https:// + this host. */
export const CLERK_FRONTEND_HOST = 'clerk.billing.test';
export const CLERK_PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${CLERK_FRONTEND_HOST}$`).toString('base64')}`;

/**
 * A stand-in for a Clerk instance key, kept in a file so the Playwright runner, its workers and the
 * server under test all see the same pair.
 */
export function clerkTestKeys(): { publicKeyPem: string; privateKeyPem: string } {
  const dir = path.join(process.cwd(), '.data', 'e2e-keys');
  const publicFile = path.join(dir, 'clerk.pub.pem');
  const privateFile = path.join(dir, 'clerk.pem');
  if (!existsSync(privateFile)) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    mkdirSync(dir, { recursive: true });
    writeFileSync(publicFile, publicKey);
    writeFileSync(privateFile, privateKey, { mode: 0o600 });
  }
  return { publicKeyPem: readFileSync(publicFile, 'utf8'), privateKeyPem: readFileSync(privateFile, 'utf8') };
}
