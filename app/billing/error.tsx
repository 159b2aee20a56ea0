'use client';

import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/card';

/** A portal page that could not load (the API was down, or refused): say so and offer to try again. */
export default function BillingError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-3">
      <Notice tone="error">
        This page could not be loaded. {error.digest ? `(Reference ${error.digest}.) ` : ''}Try again in a moment.
      </Notice>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
