import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { AppError, PaymentFailedError, StripeUnavailableError } from '../errors';
import { toDomainError } from './errors';

/** An error as another copy of the SDK throws it: the same shape, but not an instance of our copy's classes. */
function foreignStripeError(fields: Record<string, unknown>) {
  return Object.assign(new Error('raw Stripe message with req_123'), fields);
}

describe('Stripe errors in our terms', () => {
  it("turns a card decline into PAYMENT_FAILED with the decline reason, not Stripe's raw text", () => {
    const error = toDomainError(
      new Stripe.errors.StripeCardError({
        type: 'card_error',
        message: 'Your card has insufficient funds.',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
      }),
    );
    expect(error).toBeInstanceOf(PaymentFailedError);
    expect(error).toMatchObject({
      message: 'The card was declined for insufficient funds.',
      details: { declineCode: 'insufficient_funds', stripeCode: 'card_declined' },
    });
  });

  it("recognises errors thrown by another copy of the SDK (a Next build may load two) by Stripe's type tag", () => {
    const declined = toDomainError(
      foreignStripeError({ type: 'StripeCardError', code: 'card_declined', decline_code: 'generic_decline' }),
    );
    expect(declined).toMatchObject({ code: 'PAYMENT_FAILED', message: 'The card was declined.' });
    const missing = toDomainError(foreignStripeError({ type: 'StripeInvalidRequestError', code: 'resource_missing' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    const refused = toDomainError(foreignStripeError({ type: 'StripeInvalidRequestError', param: 'customer' }));
    expect(refused).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('(customer)') });
    expect(toDomainError(foreignStripeError({ type: 'StripeAPIError' }))).toBeInstanceOf(StripeUnavailableError);
  });

  it('says clearly when a card needs authentication', () => {
    const error = toDomainError(foreignStripeError({ type: 'StripeCardError', code: 'authentication_required' }));
    expect((error as AppError).message).toMatch(/needs authentication/);
  });

  it('leaves our own errors and unrelated errors alone', () => {
    const ours = new AppError('CONFLICT', 'taken');
    expect(toDomainError(ours)).toBe(ours);
    const bug = new TypeError('x is undefined');
    expect(toDomainError(bug)).toBe(bug);
    const tagged = Object.assign(new Error('not Stripe'), { type: 'card' });
    expect(toDomainError(tagged)).toBe(tagged);
  });
});
