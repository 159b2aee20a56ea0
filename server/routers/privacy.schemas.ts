import { z } from 'zod';

export const EraseOrganizationInput = z.object({
  organizationId: z.string().trim().min(1, 'name the organization'),
});

export const EraseOrganizationOutput = z.object({
  organizationId: z.string(),
  erased: z.boolean().describe('false when no billing contact was stored'),
  erasedAt: z.string().nullable(),
  stripeCustomerCleared: z.boolean().describe('the Stripe customer’s name and email were cleared too'),
});

/** The export is a document, not a view: its sections are passed through as the service builds them. */
export const OrganizationExportOutput = z
  .object({ formatVersion: z.number().int(), organizationId: z.string(), exportedAt: z.string() })
  .passthrough();
