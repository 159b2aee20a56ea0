import { pendingMigrations } from '../db/migrate';
import { describeDatabase, openConfiguredDatabase } from '../db/open';
import { loadScriptConfig, runScript } from './cli';

/** npm run db:test — connects, prints the server version and the pending migrations, for troubleshooting. */
runScript(async () => {
  const { env } = loadScriptConfig();
  console.log(`connecting to ${describeDatabase(env)} …`);
  const handle = await openConfiguredDatabase(env);
  try {
    const started = performance.now();
    const [row] = await handle.query<{ version: string }>('select version() as version');
    console.log(`connected in ${Math.round(performance.now() - started)} ms`);
    console.log(`server: ${row?.version ?? 'unknown'}`);
    const pending = await pendingMigrations(handle);
    console.log(pending.length ? `pending migrations: ${pending.join(', ')}` : 'migrations: all applied');
    if (pending.length) process.exitCode = 2;
  } finally {
    await handle.close();
  }
});
