/** An event that can never be applied (malformed, or naming what we do not know): recorded, not retried. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
