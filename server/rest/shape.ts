import { z } from 'zod';
import { minorToMajor } from '../billing/money';

/** ISO 8601 in UTC, as the seed's API sent them. */
export const Timestamp = z.string().datetime({ offset: true });
export const NullableTimestamp = Timestamp.nullable();

/** An amount in major units of its currency: 29 means $29.00, 0.001 a tenth of a cent. */
export const MajorAmount = z.number().describe('major units of the currency (29 means $29.00)');

export const BillingCycle = z.enum(['monthly', 'yearly']);

/** An optional organization: the caller's active one when left out; another one reads as not found. */
export const OrganizationIdField = z
  .string()
  .min(1)
  .max(200)
  .describe("the caller's active organization; another one is answered as not found. Platform keys must name one");

export const uuidOf = (what: string) => z.string().uuid({ message: `must be ${what} id (UUID)` });

/** Minor units from the domain → major units for the REST API (exact: "0.1" cents → 0.001 dollars). */
export const major = (amountMinor: number | string, currency: string): number => minorToMajor(amountMinor, currency);
export const majorOrNull = (amountMinor: number | string | null, currency: string): number | null =>
  amountMinor === null ? null : minorToMajor(amountMinor, currency);

/** Dates from the domain or ISO strings from a procedure → ISO strings (null stays null). */
export function isoOf(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.toISOString();
}
export const isoRequired = (value: Date | string): string => isoOf(value)!;
