import type Stripe from 'stripe';
import type { Database } from '@/db/client';
import type { Logger } from '../observability/logger';
import { reconcileWithStripe } from './reconcile';

/**
 * Runs the incremental reconciliation every `intervalMinutes` in this process. Several instances may
 * run it: the lease in reconcileWithStripe lets one at a time work. Returns a stop function.
 */
export function scheduleReconciliation(input: {
  db: Database;
  stripe: Stripe;
  logger: Logger;
  intervalMinutes: number;
}): () => void {
  if (input.intervalMinutes <= 0) return () => {};
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const summary = await reconcileWithStripe(input.db, input.stripe, { full: false, now: new Date() });
      if (summary)
        input.logger.info(
          { checked: summary.checked, fixed: summary.fixed, failed: summary.failed },
          'scheduled reconciliation finished',
        );
    } catch (error) {
      input.logger.error({ err: error }, 'scheduled reconciliation failed; the next run retries');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), input.intervalMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
