import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from './columns';

/** An organization's billing identity: its Stripe customer and billing contact. */
export const billingCustomers = pgTable(
  'billing_customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    stripeCustomerId: text('stripe_customer_id').unique(),
    /**
     * The billing contact, encrypted at rest (AES-256-GCM, see server/security/encryption.ts): each value
     * is base64 of iv, tag and ciphertext, under the key named by contactKeyId so keys can rotate.
     */
    nameEncrypted: text('name_encrypted'),
    billingEmailEncrypted: text('billing_email_encrypted'),
    addressEncrypted: text('address_encrypted'),
    taxIdEncrypted: text('tax_id_encrypted'),
    contactKeyId: text('contact_key_id'),
    /** Set when a platform admin erased the organization's personal data; money records stay. */
    personalDataErasedAt: tstz('personal_data_erased_at'),
    /** Set by the first successful purchase: first-time-only promo codes check it. */
    firstPurchasedAt: tstz('first_purchased_at'),
    deletedAt: tstz('deleted_at'),
    /** `created` of the last Stripe event applied: older events are skipped. */
    stripeEventAt: tstz('stripe_event_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('billing_customers_organization_key').on(t.organizationId)],
);

export const paymentMethods = pgTable(
  'payment_methods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    stripePaymentMethodId: text('stripe_payment_method_id').notNull().unique(),
    type: text('type').notNull().default('card'),
    brand: text('brand'),
    last4: text('last4'),
    expMonth: integer('exp_month'),
    expYear: integer('exp_year'),
    isDefault: boolean('is_default').notNull().default(false),
    /** Kept as a tombstone once detached, so an older `attached` event cannot bring the card back. */
    detachedAt: tstz('detached_at'),
    stripeEventAt: tstz('stripe_event_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payment_methods_organization_idx').on(t.organizationId),
    uniqueIndex('payment_methods_one_default_key')
      .on(t.organizationId)
      .where(sql`${t.isDefault}`),
    check('payment_methods_exp_month_check', sql`${t.expMonth} between 1 and 12`),
    check('payment_methods_last4_check', sql`${t.last4} ~ '^[0-9]{4}$'`),
  ],
);
