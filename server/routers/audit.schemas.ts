import { z } from 'zod';
import { ACTOR_TYPES } from '@/db/schema';
import type { AuditRecord } from '../billing/audit.service';

const Timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const ListAuditInput = z
  .object({
    cursor: z.string().max(500).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[\w.:-]{1,100}$/, 'letters, digits and . _ : - only')
      .optional(),
    from: Timestamp.optional(),
    to: Timestamp.optional(),
    limit: z.number().int().min(1).max(100).default(50),
    /** Accepted so a platform key could name it; orgProcedure checks it against the caller. */
    organizationId: z.string().optional(),
  })
  .refine((v) => !v.from || !v.to || Date.parse(v.from) < Date.parse(v.to), {
    message: 'from must be before to',
    path: ['to'],
  });
export type ListAuditInput = z.infer<typeof ListAuditInput>;

export const AuditEntryOutput = z.object({
  id: z.string(),
  action: z.string(),
  actorType: z.enum(ACTOR_TYPES),
  actorId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  stripeEventId: z.string().nullable(),
  createdAt: z.string(),
});

export const AuditPageOutput = z.object({
  entries: z.array(AuditEntryOutput),
  nextCursor: z.string().nullable(),
});
export type AuditPageOutput = z.infer<typeof AuditPageOutput>;

export const toAuditEntryOutput = (entry: AuditRecord): z.infer<typeof AuditEntryOutput> => ({
  id: entry.id,
  action: entry.action,
  actorType: entry.actor.type,
  actorId: entry.actor.id,
  targetType: entry.targetType,
  targetId: entry.targetId,
  before: entry.before,
  after: entry.after,
  requestId: entry.requestId,
  stripeEventId: entry.stripeEventId,
  createdAt: entry.createdAt.toISOString(),
});
