'use client';

import { Button } from './button';
import { Notice } from './card';

/** A page that could not load (a dependency was down, or the call was refused): say so and offer a retry. */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
