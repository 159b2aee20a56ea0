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
  if (isAppError(error) || !(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeCardError) {
    const declineCode = error.decline_code ?? undefined;
    const code = error.code ?? undefined;
    const message =
      code === 'authentication_required'
        ? 'The card needs authentication (3-D Secure) that cannot be completed here; use another card.'
        : ((declineCode && DECLINE_MESSAGES[declineCode]) ?? 'The card was declined.');
    return new PaymentFailedError(message, { declineCode, stripeCode: code });
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing') {
    return new AppError('NOT_FOUND', 'The payment provider does not know this object');
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new AppError(
      'VALIDATION_ERROR',
      `The payment provider refused the request${error.param ? ` (${error.param})` : ''}`,
    );
  }
  return new StripeUnavailableError();
}

/** Runs a Stripe call and translates its errors. */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDomainError(error);
  }
}
