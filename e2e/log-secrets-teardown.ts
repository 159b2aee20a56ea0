import { existsSync, readFileSync } from 'node:fs';
import { findSecrets } from '../test/log-secrets';
import { E2E_SERVER_LOGS } from './server-logs';

/**
 * After the end-to-end run: the servers' logs (every line they wrote while the journeys signed in, made
 * API keys and sent session cookies) must hold no credential. Fails the run if one does.
 */
export default function checkServerLogs(): void {
  const leaks = E2E_SERVER_LOGS.filter((file) => existsSync(file)).flatMap((file) =>
    findSecrets(readFileSync(file, 'utf8'), { CLERK_SECRET_KEY: 'sk_live_e2e_not_a_real_key' }).map(
      (leak) => `${file}: ${leak}`,
    ),
  );
  if (leaks.length > 0) throw new Error(`secrets found in the server logs:\n${leaks.join('\n')}`);
}
