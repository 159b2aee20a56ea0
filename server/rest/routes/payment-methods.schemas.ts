import { z } from 'zod';
import { NullableTimestamp, OrganizationIdField, uuidOf } from '../shape';

/** A card on file: Stripe's id, brand, last4 and expiry; card numbers never reach this service. */
export const PaymentMethod = z
  .object({
    id: z.string().describe('our id (UUID), used by DELETE and /default'),
    stripe_payment_method_id: z.string(),
    type: z.string(),
    brand: z.string().nullable(),
    last4: z.string().nullable(),
    exp_month: z.number().int().nullable(),
    exp_year: z.number().int().nullable(),
    is_default: z.boolean().describe('the card that pays the subscription'),
    created_at: NullableTimestamp,
  })
  .strict();

export const AttachPaymentMethodBody = z
  .object({
    organization_id: OrganizationIdField.optional(),
    payment_method_id: z
      .string()
      .regex(/^pm_\w+$/, 'must be a Stripe payment method id (pm_…)')
      .describe('from Stripe Elements, or a Stripe test card such as pm_card_visa'),
  })
  .strict();

export const PaymentMethodPath = z.object({ id: uuidOf('a payment method') }).strict();
export const OrganizationBody = z.object({ organization_id: OrganizationIdField.optional() }).strict();

export const RemovedPaymentMethod = z.object({ id: z.string(), removed: z.literal(true) }).strict();

interface PaymentMethodOutput {
  id: string;
  stripePaymentMethodId: string;
  type: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  isDefault: boolean;
  createdAt: string | null;
}

export const toRestPaymentMethod = (pm: PaymentMethodOutput): z.infer<typeof PaymentMethod> => ({
  id: pm.id,
  stripe_payment_method_id: pm.stripePaymentMethodId,
  type: pm.type,
  brand: pm.brand,
  last4: pm.last4,
  exp_month: pm.expMonth,
  exp_year: pm.expYear,
  is_default: pm.isDefault,
  created_at: pm.createdAt,
});
