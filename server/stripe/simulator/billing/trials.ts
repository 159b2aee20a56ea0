import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import type { Subscription } from '../state/objects';

/** Stripe warns three days before a trial ends (at once, if the trial is shorter). */
export const TRIAL_WARNING_SECONDS = 3 * 86_400;

const warnedMark = (sub: Subscription) => `trial_will_end:${sub.id}:${sub.trial_end}`;

/** When the `trial_will_end` warning is due, or null if there is none to send. */
export function trialWarningDue(ctx: Ctx, sub: Subscription): number | null {
  if (sub.status !== 'trialing' || sub.trial_end === null || ctx.tx.hasMark(warnedMark(sub))) return null;
  return Math.max(sub.trial_end - TRIAL_WARNING_SECONDS, sub.created);
}

/** Sends `customer.subscription.trial_will_end` if it is due at `now`. */
export function noteTrialWillEnd(ctx: Ctx, sub: Subscription, now: number): void {
  const due = trialWarningDue(ctx, sub);
  if (due === null || due > now) return;
  ctx.tx.mark(warnedMark(sub));
  emit(ctx, 'customer.subscription.trial_will_end', sub);
}
