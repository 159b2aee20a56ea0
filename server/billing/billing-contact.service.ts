import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingCustomers } from '@/db/schema';
import { decryptValue, encryptValue, type KeyRing } from '../security/encryption';
import { recordAudit, type Actor } from './audit.service';

export interface BillingAddress {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  state: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** An organization's billing contact: personal data, encrypted at rest, erasable. */
export interface BillingContact {
  email: string | null;
  name: string | null;
  address: BillingAddress | null;
  taxId: string | null;
}

export const EMPTY_CONTACT: BillingContact = { email: null, name: null, address: null, taxId: null };

type ContactField = keyof BillingContact;
const FIELDS: ReadonlyArray<{ field: ContactField; column: keyof typeof billingCustomers.$inferSelect }> = [
  { field: 'email', column: 'billingEmailEncrypted' },
  { field: 'name', column: 'nameEncrypted' },
  { field: 'address', column: 'addressEncrypted' },
  { field: 'taxId', column: 'taxIdEncrypted' },
];

// The organization and field are bound into each ciphertext: a value moved to another row fails to decrypt.
const contextOf = (organizationId: string, field: ContactField) => `billing_customers:${organizationId}:${field}`;

type CustomerRow = typeof billingCustomers.$inferSelect;

/** Decrypts a customer row's contact; a row never given one reads as all nulls. */
export function contactOf(ring: KeyRing, row: CustomerRow): BillingContact {
  const contact: BillingContact = { ...EMPTY_CONTACT };
  for (const { field, column } of FIELDS) {
    const stored = row[column] as string | null;
    if (stored === null) continue;
    const plain = decryptValue(ring, row.contactKeyId!, stored, contextOf(row.organizationId, field));
    (contact as unknown as Record<ContactField, unknown>)[field] = field === 'address' ? JSON.parse(plain) : plain;
  }
  return contact;
}

/** The columns that store `contact`, encrypted under the current key. */
function encryptedColumns(ring: KeyRing, organizationId: string, contact: BillingContact) {
  const columns: Record<string, string | null> = { contactKeyId: ring.currentKeyId };
  for (const { field, column } of FIELDS) {
    const value = contact[field];
    columns[column] =
      value === null
        ? null
        : encryptValue(
            ring,
            typeof value === 'string' ? value : JSON.stringify(value),
            contextOf(organizationId, field),
          );
  }
  return columns as Partial<CustomerRow>;
}

/** The organization's billing contact, or null when it has no billing customer yet. */
export async function getBillingContact(
  db: Database,
  ring: KeyRing,
  organizationId: string,
): Promise<BillingContact | null> {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.organizationId, organizationId));
  return row ? contactOf(ring, row) : null;
}

export interface UpdateBillingContactInput {
  organizationId: string;
  /** Only the fields given change; null clears one. */
  changes: Partial<BillingContact>;
  actor: Actor;
  requestId: string | null;
}

/**
 * Changes the billing contact (creating the billing customer row if needed), re-encrypting every field
 * under the current key, with an audit row in the same transaction. The audit row names the fields that
 * changed, never their values: the append-only log must hold no personal data that erasure would need.
 */
export async function updateBillingContact(
  db: Database,
  ring: KeyRing,
  input: UpdateBillingContactInput,
): Promise<BillingContact> {
  return db.transaction(async (tx) => {
    await tx
      .insert(billingCustomers)
      .values({ organizationId: input.organizationId })
      .onConflictDoNothing({ target: billingCustomers.organizationId });
    const [row] = await tx
      .select()
      .from(billingCustomers)
      .where(eq(billingCustomers.organizationId, input.organizationId))
      .for('update');
    const before = contactOf(ring, row!);
    const after: BillingContact = { ...before, ...definedOnly(input.changes) };
    const changed = FIELDS.map((f) => f.field).filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
    );
    await tx
      .update(billingCustomers)
      .set({ ...encryptedColumns(ring, input.organizationId, after), updatedAt: sql`now()` })
      .where(eq(billingCustomers.id, row!.id));
    if (changed.length > 0) {
      await recordAudit(tx, {
        organizationId: input.organizationId,
        actor: input.actor,
        action: 'billing_contact.updated',
        targetType: 'billing_customer',
        targetId: row!.id,
        after: { changed },
        requestId: input.requestId,
      });
    }
    return after;
  });
}

const definedOnly = (changes: Partial<BillingContact>): Partial<BillingContact> =>
  Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));

/**
 * Re-encrypts every billing contact still under an older key with the current one, a batch at a time;
 * run after putting a new key first in DATA_ENCRYPTION_KEY, before removing the old one.
 */
export async function reencryptBillingContacts(db: Database, ring: KeyRing, batchSize = 200): Promise<number> {
  let done = 0;
  for (;;) {
    const moved = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(billingCustomers)
        .where(sql`${billingCustomers.contactKeyId} <> ${ring.currentKeyId}`)
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        await tx
          .update(billingCustomers)
          .set(encryptedColumns(ring, row.organizationId, contactOf(ring, row)))
          .where(eq(billingCustomers.id, row.id));
      }
      return rows.length;
    });
    done += moved;
    if (moved < batchSize) return done;
  }
}

export interface ErasePersonalDataInput {
  organizationId: string;
  actor: Actor;
  requestId: string | null;
  now: Date;
}

/**
 * Erases an organization's personal data: the billing contact is removed and the row marked erased.
 * Subscriptions, invoices and payments stay, as Stripe and the tax law need them; they hold Stripe ids
 * and amounts, not people. Audited in the same transaction; erasing twice changes nothing more.
 */
export async function erasePersonalData(
  db: Database,
  input: ErasePersonalDataInput,
): Promise<{ erased: boolean; erasedAt: Date | null }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(billingCustomers)
      .set({
        nameEncrypted: null,
        billingEmailEncrypted: null,
        addressEncrypted: null,
        taxIdEncrypted: null,
        contactKeyId: null,
        personalDataErasedAt: input.now,
        updatedAt: input.now,
      })
      .where(eq(billingCustomers.organizationId, input.organizationId))
      .returning({ id: billingCustomers.id });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: 'privacy.personal_data_erased',
      targetType: 'organization',
      targetId: input.organizationId,
      after: { billingContact: row ? 'erased' : 'none stored' },
      requestId: input.requestId,
    });
    return { erased: Boolean(row), erasedAt: row ? input.now : null };
  });
}
