import { asc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import {
  apiKeys,
  billingCustomers,
  invoiceLines,
  invoices,
  paymentMethods,
  promoRedemptions,
  subscriptions,
  usageOverageCharges,
  usageTotals,
} from '@/db/schema';
import type { KeyRing } from '../security/encryption';
import { recordAudit, type Actor } from './audit.service';
import { contactOf, type BillingContact } from './billing-contact.service';

/** Bump when the export's shape changes, so whoever reads an old file knows what it holds. */
export const EXPORT_FORMAT_VERSION = 1;

// A type, not an interface: it is passed through tRPC's output as an open record.
export type OrganizationExport = {
  formatVersion: number;
  organizationId: string;
  exportedAt: string;
  billingContact: BillingContact | null;
  customer: Record<string, unknown> | null;
  subscriptions: unknown[];
  invoices: unknown[];
  invoiceLines: unknown[];
  paymentMethods: unknown[];
  promoRedemptions: unknown[];
  usageTotals: unknown[];
  usageOverageCharges: unknown[];
  apiKeys: unknown[];
};

/**
 * Everything the service holds about an organization's billing, as plain JSON (the right of access and
 * portability). Secrets stay out: API key hashes and the encrypted columns (the contact is decrypted).
 * Writes an audit row, in the same transaction as the reads, so the export and its record agree.
 */
export async function exportOrganizationData(
  db: Database,
  ring: KeyRing,
  input: { organizationId: string; actor: Actor; requestId: string | null; now: Date },
): Promise<OrganizationExport> {
  const org = input.organizationId;
  return db.transaction(async (tx) => {
    const [customer] = await tx.select().from(billingCustomers).where(eq(billingCustomers.organizationId, org));
    const keys = await tx
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        scopes: apiKeys.scopes,
        isPlatform: apiKeys.isPlatform,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.organizationId, org))
      .orderBy(asc(apiKeys.createdAt));
    const result: OrganizationExport = {
      formatVersion: EXPORT_FORMAT_VERSION,
      organizationId: org,
      exportedAt: input.now.toISOString(),
      billingContact: customer ? contactOf(ring, customer) : null,
      customer: customer ? withoutEncryptedColumns(customer) : null,
      subscriptions: await tx
        .select()
        .from(subscriptions)
        .where(eq(subscriptions.organizationId, org))
        .orderBy(asc(subscriptions.createdAt)),
      invoices: await tx
        .select()
        .from(invoices)
        .where(eq(invoices.organizationId, org))
        .orderBy(asc(invoices.createdAt)),
      invoiceLines: await tx
        .select()
        .from(invoiceLines)
        .where(eq(invoiceLines.organizationId, org))
        .orderBy(asc(invoiceLines.createdAt)),
      paymentMethods: await tx
        .select()
        .from(paymentMethods)
        .where(eq(paymentMethods.organizationId, org))
        .orderBy(asc(paymentMethods.createdAt)),
      promoRedemptions: await tx
        .select()
        .from(promoRedemptions)
        .where(eq(promoRedemptions.organizationId, org))
        .orderBy(asc(promoRedemptions.redeemedAt)),
      usageTotals: await tx.select().from(usageTotals).where(eq(usageTotals.organizationId, org)),
      usageOverageCharges: await tx
        .select()
        .from(usageOverageCharges)
        .where(eq(usageOverageCharges.organizationId, org))
        .orderBy(asc(usageOverageCharges.createdAt)),
      apiKeys: keys,
    };
    await recordAudit(tx, {
      organizationId: org,
      actor: input.actor,
      action: 'privacy.data_exported',
      targetType: 'organization',
      targetId: org,
      after: { formatVersion: EXPORT_FORMAT_VERSION },
      requestId: input.requestId,
    });
    // Dates become ISO strings, numerics stay exact strings: the file reads the same as the API.
    return JSON.parse(JSON.stringify(result)) as OrganizationExport;
  });
}

function withoutEncryptedColumns(row: typeof billingCustomers.$inferSelect): Record<string, unknown> {
  const {
    nameEncrypted: _name,
    billingEmailEncrypted: _email,
    addressEncrypted: _address,
    taxIdEncrypted: _taxId,
    contactKeyId: _keyId,
    ...rest
  } = row;
  return rest;
}
