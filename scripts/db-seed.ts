import { pendingMigrations } from '../db/migrate';
import { describeDatabase, openConfiguredDatabase } from '../db/open';
import { seedSampleCatalog } from '../db/seed/seed-catalog';
import { loadScriptConfig, runScript } from './cli';

/** npm run db:seed — loads the sample catalog; a second run changes nothing. */
runScript(async () => {
  const { env } = loadScriptConfig();
  const handle = await openConfiguredDatabase(env);
  try {
    const pending = await pendingMigrations(handle);
    if (pending.length) throw new Error(`${pending.length} migration(s) pending: run npm run db:migrate first`);
    const { inserted } = await seedSampleCatalog(handle.db);
    console.log(
      inserted
        ? `seeded ${describeDatabase(env)}: ${inserted} row(s) inserted`
        : `${describeDatabase(env)}: sample catalog already present, nothing changed`,
    );
  } finally {
    await handle.close();
  }
});
