/**
 * Stripe delivers events at least once and in any order. A row remembers the `created` time of the
 * last event applied to it; an event is applied only when it is newer. Events created in the same
 * second cannot be ordered by time, so for those the object is read back from Stripe.
 */
export type Freshness = 'newer' | 'same-second' | 'older';

export function freshness(eventAt: Date, storedAt: Date | null): Freshness {
  if (storedAt === null) return 'newer';
  const event = Math.floor(eventAt.getTime() / 1000);
  const stored = Math.floor(storedAt.getTime() / 1000);
  return event > stored ? 'newer' : event === stored ? 'same-second' : 'older';
}

/**
 * The result of applying one object to the mirror. `needs-truth`: the mirror changed in the same
 * second, so the caller must read the object from Stripe and apply that instead.
 */
export type ApplyOutcome = 'applied' | 'stale' | 'unchanged' | 'needs-truth';

/** Event times further ahead than this come from a Stripe test clock, not from Stripe's real clock. */
const TEST_CLOCK_LEAD_MS = 5 * 60_000;

/** How a snapshot at `eventAt` relates to a row last changed at `storedAt`, given whether it is the truth. */
export function gate(eventAt: Date, storedAt: Date | null, authoritative: boolean): 'apply' | 'stale' | 'needs-truth' {
  // A row stamped in the future was moved by a test clock; a fresh read from Stripe still wins.
  if (authoritative && storedAt && storedAt.getTime() > eventAt.getTime() + TEST_CLOCK_LEAD_MS) return 'apply';
  const fresh = freshness(eventAt, storedAt);
  if (fresh === 'newer') return 'apply';
  if (fresh === 'older') return 'stale';
  return authoritative ? 'apply' : 'needs-truth';
}

/** The stamp to keep after applying: never move a row's clock backwards. */
export const later = (stored: Date | null | undefined, eventAt: Date): Date =>
  stored && stored.getTime() > eventAt.getTime() ? stored : eventAt;
