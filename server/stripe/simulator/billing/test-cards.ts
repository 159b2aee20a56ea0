/** How one of Stripe's test cards behaves. https://docs.stripe.com/testing#cards */
export interface TestCard {
  brand: string;
  last4: string;
  funding: 'credit' | 'debit';
  /** Fails when attached to a customer (Stripe checks the card then); only `chargeCustomerFail` attaches and then fails. */
  attachDecline?: Decline;
  charge: 'succeed' | 'requires_action' | Decline;
}

export interface Decline {
  code: string;
  declineCode: string;
  message: string;
}

const generic: Decline = { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' };
const insufficient: Decline = {
  code: 'card_declined',
  declineCode: 'insufficient_funds',
  message: 'Your card has insufficient funds.',
};
const expired: Decline = { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' };
const cvc: Decline = {
  code: 'incorrect_cvc',
  declineCode: 'incorrect_cvc',
  message: "Your card's security code is incorrect.",
};
const fraud: Decline = { code: 'card_declined', declineCode: 'fraudulent', message: 'Your card was declined.' };
const processing: Decline = {
  code: 'processing_error',
  declineCode: 'processing_error',
  message: 'An error occurred while processing your card. Try again in a little bit.',
};

const ok = (brand: string, last4: string, funding: 'credit' | 'debit' = 'credit'): TestCard => ({
  brand,
  last4,
  funding,
  charge: 'succeed',
});
const declining = (last4: string, decline: Decline): TestCard => ({
  brand: 'visa',
  last4,
  funding: 'credit',
  attachDecline: decline,
  charge: decline,
});

/** By the name after `pm_card_` / `tok_`. */
const BY_NAME: Record<string, TestCard> = {
  visa: ok('visa', '4242'),
  visa_debit: ok('visa', '5556', 'debit'),
  mastercard: ok('mastercard', '4444'),
  amex: ok('amex', '8431'),
  discover: ok('discover', '1117'),
  chargeDeclined: declining('0002', generic),
  chargeDeclinedInsufficientFunds: declining('9995', insufficient),
  chargeDeclinedExpiredCard: declining('0069', expired),
  chargeDeclinedIncorrectCvc: declining('0127', cvc),
  chargeDeclinedFraudulent: declining('0019', fraud),
  chargeDeclinedProcessingError: declining('0119', processing),
  chargeCustomerFail: { brand: 'visa', last4: '0341', funding: 'credit', charge: generic },
  authenticationRequired: { brand: 'visa', last4: '3155', funding: 'credit', charge: 'requires_action' },
  threeDSecure2Required: { brand: 'visa', last4: '3220', funding: 'credit', charge: 'requires_action' },
};

const NUMBERS: Record<string, string> = {
  '4242424242424242': 'visa',
  '4000056655665556': 'visa_debit',
  '5555555555554444': 'mastercard',
  '371449635398431': 'amex',
  '6011111111111117': 'discover',
  '4000000000000002': 'chargeDeclined',
  '4000000000009995': 'chargeDeclinedInsufficientFunds',
  '4000000000000069': 'chargeDeclinedExpiredCard',
  '4000000000000127': 'chargeDeclinedIncorrectCvc',
  '4100000000000019': 'chargeDeclinedFraudulent',
  '4000000000000119': 'chargeDeclinedProcessingError',
  '4000000000000341': 'chargeCustomerFail',
  '4000002500003155': 'authenticationRequired',
  '4000000000003220': 'threeDSecure2Required',
};

/** `pm_card_visa`, `pm_card_visa_chargeDeclined`, `tok_chargeCustomerFail` … */
export function cardForToken(token: string): TestCard | undefined {
  const name = /^(?:pm_card_|tok_)(?:visa_(?=charge))?(\w+)$/.exec(token)?.[1];
  return name && Object.hasOwn(BY_NAME, name) ? BY_NAME[name] : undefined;
}

export function cardForNumber(number: string): TestCard | undefined {
  const name = NUMBERS[number.replace(/\s/g, '')];
  return name ? BY_NAME[name] : undefined;
}

/** A stored card's behaviour follows its number, which the simulator knows by brand and last 4. */
export function cardBehaviour(brand: string, last4: string): TestCard {
  return Object.values(BY_NAME).find((c) => c.last4 === last4 && c.brand === brand) ?? ok(brand, last4);
}
