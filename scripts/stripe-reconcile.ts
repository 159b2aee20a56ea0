import { describeDatabase, openConfiguredDatabase } from '../db/open';
import { reconcileWithStripe, type ReconcileKind } from '../server/stripe/reconcile';
import { loadScriptConfig, runScript } from './cli';
import { scriptStripeClient } from './stripe-client';

/** npm run stripe:reconcile [-- --full] — compares the mirror with Stripe and fixes what differs. */
runScript(async () => {
  const config = loadScriptConfig();
  const full = process.argv.includes('--full');
  const stripe = await scriptStripeClient(config);
  const handle = await openConfiguredDatabase(config.env);
  try {
    console.log(
      `reconciling ${describeDatabase(config.env)} with ${config.modes.payments === 'stripe' ? 'Stripe' : 'the Stripe simulator'} (${full ? 'full' : 'changes since the last run'})`,
    );
    const summary = await reconcileWithStripe(handle.db, stripe, { full, now: new Date(), onProgress: progressBar });
    process.stderr.write('\n');
    if (!summary) {
      console.log('another reconciliation is running; nothing done');
      return;
    }
    const kinds: ReconcileKind[] = ['customers', 'subscriptions', 'invoices', 'paymentMethods'];
    console.log(`mode: ${summary.mode}${summary.since ? ` (since ${summary.since.toISOString()})` : ''}`);
    for (const kind of kinds)
      console.log(
        `  ${kind.padEnd(15)} checked ${String(summary.checked[kind]).padStart(6)}   fixed ${summary.fixed[kind]}`,
      );
    const checked = kinds.reduce((n, k) => n + summary.checked[k], 0);
    const fixed = kinds.reduce((n, k) => n + summary.fixed[k], 0);
    console.log(
      `total: ${checked} checked, ${fixed} fixed${summary.failed ? `, ${summary.failed} could not be applied (see the logs)` : ''}`,
    );
  } finally {
    await handle.close();
  }
});

function progressBar(done: number, total: number, kind: ReconcileKind) {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${kind.padEnd(15)}`);
}
