import Stripe from 'stripe';
import { AppError, isAppError, PaymentFailedError, StripeUnavailableError } from '../errors';

const DECLINE_MESSAGES: Record<string, string> = {
  insufficient_funds: 'The card was declined for insufficient funds.',
  generic_decline: 'The card was declined.',
  lost_card: 'The card was declined (reported lost).',
  stolen_card: 'The card was declined (reported stolen).',
  expired_card: 'The card has expired.',
  incorrect_cvc: 'The card’s security code is incorrect.',
};

/**
 * Stripe's errors in our terms: card problems are PAYMENT_FAILED with the decline reason, Stripe being
 * unreachable or failing is STRIPE_ERROR; Stripe's raw messages and request ids stay in our logs.
 */
export function toDomainError(error: unknown): unknown {
  if (isAppError(error) || !isStripeError(error)) return error;
  if (error.type === 'StripeCardError') {
    const declineCode = error.decline_code ?? undefined;
    const code = error.code ?? undefined;
    const message =
      code === 'authentication_required'
        ? 'The card needs authentication (3-D Secure) that cannot be completed here; use another card.'
        : ((declineCode && DECLINE_MESSAGES[declineCode]) ?? 'The card was declined.');
    return new PaymentFailedError(message, { declineCode, stripeCode: code });
  }
  if (error.type === 'StripeInvalidRequestError' && error.code === 'resource_missing') {
    return new AppError('NOT_FOUND', 'The payment provider does not know this object');
  }
  if (error.type === 'StripeInvalidRequestError') {
    return new AppError(
      'VALIDATION_ERROR',
      `The payment provider refused the request${error.param ? ` (${error.param})` : ''}`,
    );
  }
  return new StripeUnavailableError();
}

/**
 * Recognised by class, or else by the SDK's own `type` tag: a Next build bundles the SDK once for the
 * instrumentation hook (where the Stripe client is made) and once for the routes, and an error thrown by
 * one copy is not an instance of the other's classes. The class check stays for the SDK's few errors
 * that carry no explicit tag.
 */
function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  if (error instanceof Stripe.errors.StripeError) return true;
  const type = (error as { type?: unknown } | null)?.type;
  return error instanceof Error && typeof type === 'string' && /^Stripe\w*Error$/.test(type);
}

/** Runs a Stripe call and translates its errors. */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDomainError(error);
  }
}
