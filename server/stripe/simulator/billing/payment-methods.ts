import { createHash } from 'node:crypto';
import { cardError, invalidRequest, resourceMissing } from '../http/errors';
import type { Ctx } from '../state/context';
import { emit } from '../state/events';
import { newId } from '../state/ids';
import type { Customer, PaymentMethod } from '../state/objects';
import { cardBehaviour, cardForToken, type TestCard } from './test-cards';

export interface CardDetails {
  exp_month?: number;
  exp_year?: number;
}

export function newCardPaymentMethod(ctx: Ctx, card: TestCard, details: CardDetails = {}): PaymentMethod {
  const pm: PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: details.exp_month ?? 12,
      exp_year: details.exp_year ?? new Date().getUTCFullYear() + 5,
      fingerprint: createHash('sha256').update(`${card.brand}${card.last4}`).digest('base64url').slice(0, 16),
      funding: card.funding,
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: ctx.now(null),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  return ctx.tx.insert('payment_method', pm);
}

/**
 * A payment method id, or one of Stripe's test tokens (`pm_card_visa`), which stands for a new card
 * payment method, as at Stripe. The same token used twice in one request means the same card.
 */
export function resolvePaymentMethod(ctx: Ctx, idOrToken: string, param: string): PaymentMethod {
  const known = ctx.tokens.get(idOrToken);
  if (known) return ctx.tx.get('payment_method', known) as PaymentMethod;
  const card = cardForToken(idOrToken);
  if (card) {
    const pm = newCardPaymentMethod(ctx, card);
    ctx.tokens.set(idOrToken, pm.id);
    return pm;
  }
  const pm = ctx.tx.get('payment_method', idOrToken);
  if (!pm) throw resourceMissing('PaymentMethod', idOrToken, param);
  return pm;
}

export function behaviourOf(pm: PaymentMethod): TestCard {
  return cardBehaviour(pm.card?.brand ?? 'visa', pm.card?.last4 ?? '4242');
}

/** Attaches like Stripe: the card is checked first, so most declining test cards fail here. */
export function attachPaymentMethod(ctx: Ctx, pm: PaymentMethod, customer: Customer): PaymentMethod {
  if (pm.customer === customer.id) return pm;
  if (pm.customer)
    throw invalidRequest('The payment method you provided has already been attached to a customer.', 'payment_method');
  const decline = behaviourOf(pm).attachDecline;
  if (decline) throw cardError(decline.code, decline.message, decline.declineCode);
  pm.customer = customer.id;
  emit(ctx, 'payment_method.attached', pm);
  return pm;
}

/** A payment method the customer must already have (defaults on customers and subscriptions). */
export function requireAttached(ctx: Ctx, idOrToken: string, customer: Customer, param: string): PaymentMethod {
  const pm = resolvePaymentMethod(ctx, idOrToken, param);
  if (pm.customer !== customer.id) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${pm.id}. The payment method must be attached to the customer.`,
      param,
      'resource_missing',
    );
  }
  return pm;
}
