import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const BillingAddressSchema = z.object({
  line1: text(200),
  line2: text(200).nullable().default(null),
  city: text(100),
  postalCode: text(20),
  state: text(100).nullable().default(null),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
    .transform((v) => v.toUpperCase()),
});

export const BillingContactOutput = z.object({
  email: z.string().nullable(),
  name: z.string().nullable(),
  address: z
    .object({
      line1: z.string(),
      line2: z.string().nullable(),
      city: z.string(),
      postalCode: z.string(),
      state: z.string().nullable(),
      country: z.string(),
    })
    .nullable(),
  taxId: z.string().nullable(),
});

/** Only the fields given change; null clears one. */
export const UpdateBillingContactInput = z.object({
  email: z.email({ message: 'must be an email address' }).max(254).nullable().optional(),
  name: text(200).nullable().optional(),
  address: BillingAddressSchema.nullable().optional(),
  taxId: text(50).nullable().optional(),
  organizationId: z.string().optional(),
});
export type UpdateBillingContactInput = z.infer<typeof UpdateBillingContactInput>;
