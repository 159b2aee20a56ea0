import type { Database } from '@/db/client';
import { auditLog } from '@/db/schema';

/** Who did something: a person, a service key, Stripe (through a webhook) or the system itself. */
export interface Actor {
  type: 'user' | 'api_key' | 'stripe' | 'system';
  id: string | null;
}

export interface AuditEntry {
  organizationId: string | null;
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  stripeEventId?: string | null;
}

/** Appends an audit row; pass the transaction of the change so both commit or neither does. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    organizationId: entry.organizationId,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
    requestId: entry.requestId ?? null,
    stripeEventId: entry.stripeEventId ?? null,
  });
}

/** Dates become ISO strings, so the stored JSON reads the same as the API's. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
