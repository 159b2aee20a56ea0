import { migrateDatabase, pendingMigrations } from '../db/migrate';
import { describeDatabase, openConfiguredDatabase } from '../db/open';
import { loadScriptConfig, runScript } from './cli';

/** npm run db:migrate — applies pending migrations to DATABASE_URL, or to the PGlite directory. */
runScript(async () => {
  const { env } = loadScriptConfig();
  const handle = await openConfiguredDatabase(env);
  try {
    const pending = await pendingMigrations(handle);
    await migrateDatabase(handle);
    console.log(
      pending.length
        ? `applied ${pending.length} migration(s) to ${describeDatabase(env)}: ${pending.join(', ')}`
        : `${describeDatabase(env)} is up to date`,
    );
  } finally {
    await handle.close();
  }
});
