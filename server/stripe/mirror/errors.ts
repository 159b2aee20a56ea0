/** An event that can never be applied (malformed, or naming what we do not know): recorded, not retried. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

/** By name, not `instanceof`: a bundler may copy this module into several route bundles. */
export const isPermanentEventError = (error: unknown): error is PermanentEventError =>
  error instanceof Error && error.name === 'PermanentEventError';
