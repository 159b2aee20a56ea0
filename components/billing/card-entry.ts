import type { AppConfig } from '@/server/config/config';
import type { CardEntry } from './types';

/** How the portal takes a card in this process's mode (read at request time, so one build serves all). */
export function cardEntryOf(config: Pick<AppConfig, 'modes' | 'env'>): CardEntry {
  if (config.modes.payments === 'simulator') return { mode: 'simulator' };
  const publishableKey = config.env.STRIPE_PUBLISHABLE_KEY;
  return publishableKey ? { mode: 'stripe', publishableKey } : { mode: 'unavailable' };
}
