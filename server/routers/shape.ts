import { z } from 'zod';

/** Timestamps travel as ISO 8601 strings (no transformer). */
export const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
export const Timestamp = z.string().datetime({ offset: true });
export const NullableTimestamp = Timestamp.nullable();
export const BillingCycle = z.enum(['monthly', 'yearly'], { message: 'must be "monthly" or "yearly"' });
export const Uuid = (what: string) => z.string().uuid({ message: `must be ${what} id (UUID)` });
