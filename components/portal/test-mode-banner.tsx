import type { Modes } from '@/server/config/config';

/** Shown whenever an embedded piece runs: nothing here moves real money or checks real identities. */
export function TestModeBanner({ modes }: { modes: Modes }) {
  const pieces = [
    modes.database === 'pglite' && 'embedded database',
    modes.payments === 'simulator' && 'Stripe simulator',
    modes.auth === 'local' && 'local sign-in',
  ].filter(Boolean);
  return (
    <div
      role="status"
      data-testid="test-mode-banner"
      className="bg-amber-400 px-4 py-1.5 text-center text-xs font-medium text-amber-950"
    >
      Test mode — {pieces.join(', ')}. No real payments are taken.
    </div>
  );
}
