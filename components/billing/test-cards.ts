/** Stripe's test payment methods the simulator knows (and Stripe's test mode accepts), for the test-mode picker. */
export const TEST_CARDS = [
  { id: 'pm_card_visa', brand: 'Visa', number: '4242 4242 4242 4242', behaviour: 'Always succeeds' },
  { id: 'pm_card_mastercard', brand: 'Mastercard', number: '5555 5555 5555 4444', behaviour: 'Always succeeds' },
  { id: 'pm_card_amex', brand: 'American Express', number: '3782 822463 10005', behaviour: 'Always succeeds' },
  {
    id: 'pm_card_chargeCustomerFail',
    brand: 'Visa',
    number: '4000 0000 0000 0341',
    behaviour: 'Is added, then every charge fails (renewals fail)',
  },
  {
    id: 'pm_card_chargeDeclined',
    brand: 'Visa',
    number: '4000 0000 0000 0002',
    behaviour: 'Declined when added',
  },
] as const;

export type TestCardId = (typeof TEST_CARDS)[number]['id'];
