import Stripe from 'stripe';

/** Stripe's own tolerance for the signature timestamp. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

// constructEvent needs no key or network; a placeholder key satisfies the constructor.
const verifier = new Stripe('sk_test_signature_verification_only');

/**
 * Verifies `Stripe-Signature` over the raw body against each configured secret (several during a
 * rotation) with Stripe's 300-second tolerance, and parses the event.
 */
export function verifyStripeEvent(rawBody: string, signature: string | null, secrets: string[]): Stripe.Event {
  if (!signature) throw new WebhookSignatureError('missing Stripe-Signature header');
  let tooOld = false;
  for (const secret of secrets) {
    try {
      return verifier.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      tooOld ||= error instanceof Error && error.message.includes('tolerance');
    }
  }
  throw new WebhookSignatureError(tooOld ? 'signature timestamp is too old' : 'signature does not match');
}
