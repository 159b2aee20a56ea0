import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

/**
 * The key pair local sign-in signs its tokens with: generated on first start and kept in `dir`, so
 * sessions survive a restart. The private key file is readable by the owner only.
 */
export function loadOrCreateLocalKeys(dir: string): LocalKeyPair {
  const publicFile = path.join(dir, 'session-key.pub.pem');
  const privateFile = path.join(dir, 'session-key.pem');
  if (existsSync(publicFile) && existsSync(privateFile)) {
    return { publicKeyPem: readFileSync(publicFile, 'utf8'), privateKeyPem: readFileSync(privateFile, 'utf8') };
  }
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(privateFile, privateKey, { mode: 0o600 });
  writeFileSync(publicFile, publicKey);
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}
