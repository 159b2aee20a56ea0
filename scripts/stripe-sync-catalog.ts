import { describeDatabase, openConfiguredDatabase } from '../db/open';
import { syncCatalogToStripe } from '../server/stripe/catalog-sync';
import { loadScriptConfig, runScript } from './cli';
import { scriptStripeClient } from './stripe-client';

/** npm run stripe:sync-catalog — creates any missing Stripe product and price, idempotently. */
runScript(async () => {
  const config = loadScriptConfig();
  const stripe = await scriptStripeClient(config);
  const handle = await openConfiguredDatabase(config.env);
  try {
    const result = await syncCatalogToStripe(handle.db, stripe);
    console.log(
      `${describeDatabase(config.env)}: ${result.productsCreated} product(s) and ${result.pricesCreated} price(s) created, ${result.pricesLinked} existing price(s) linked`,
    );
  } finally {
    await handle.close();
  }
});
