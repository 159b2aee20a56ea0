import type { Database } from '@/db/client';
import { erasePersonalData, type ErasePersonalDataInput } from './billing-contact.service';
import { stripeCustomerIdOf } from './customers.service';
import type { PaymentsGateway } from './payments.port';

/**
 * Erases an organization's personal data here and on its Stripe customer (name and email), keeping the
 * money records Stripe and the law need. Ours first, in its transaction; then Stripe, idempotently, so
 * a retry after a Stripe outage finishes the job.
 */
export async function eraseOrganizationPersonalData(
  deps: { db: Database; payments: PaymentsGateway },
  input: ErasePersonalDataInput,
): Promise<{ erased: boolean; erasedAt: Date | null; stripeCustomerCleared: boolean }> {
  const result = await erasePersonalData(deps.db, input);
  const customerId = await stripeCustomerIdOf(deps.db, input.organizationId);
  if (!customerId) return { ...result, stripeCustomerCleared: false };
  await deps.payments.updateCustomer(customerId, { name: null, email: null }, `privacy:erase:${input.organizationId}`);
  return { ...result, stripeCustomerCleared: true };
}
