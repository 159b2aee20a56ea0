import { and, desc, eq, gte, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditLog } from '@/db/schema';
import { ValidationError } from '../errors';

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

/** An audit row as the org admin's view and `audit.list` show it. */
export interface AuditRecord {
  id: string;
  action: string;
  actor: Actor;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  stripeEventId: string | null;
  createdAt: Date;
}

export interface ListAuditInput {
  organizationId: string;
  /** From the previous page's `nextCursor`. */
  cursor?: string;
  /** `api_key.created` matches exactly; `api_key` matches every `api_key.*` action. */
  action?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
}

/**
 * The organization's audit log, newest first, a page at a time. Keyset pagination on (created_at, id):
 * stable while rows are added, and each page is an index range scan however deep the reader goes. The
 * cursor carries the database's own microsecond timestamp, which a JS Date would round.
 */
export async function listAuditEntries(
  db: Database,
  input: ListAuditInput,
): Promise<{ entries: AuditRecord[]; nextCursor: string | null }> {
  const conditions: SQL[] = [eq(auditLog.organizationId, input.organizationId)];
  if (input.action) {
    const prefix = `${input.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
    conditions.push(or(eq(auditLog.action, input.action), like(auditLog.action, prefix))!);
  }
  if (input.from) conditions.push(gte(auditLog.createdAt, input.from));
  if (input.to) conditions.push(lt(auditLog.createdAt, input.to));
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    conditions.push(sql`(${auditLog.createdAt}, ${auditLog.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select({ row: auditLog, at: sql<string>`${auditLog.createdAt}::text` })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(({ row }) => ({
      id: row.id,
      action: row.action,
      actor: { type: row.actorType, id: row.actorId },
      targetType: row.targetType,
      targetId: row.targetId,
      before: row.before,
      after: row.after,
      requestId: row.requestId,
      stripeEventId: row.stripeEventId,
      createdAt: row.createdAt,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.at, last.row.id) : null,
  };
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d)?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && TIMESTAMP.test(at) && typeof id === 'string' && UUID.test(id)) return { at, id };
  } catch {
    // fall through: any malformed cursor gets the same answer
  }
  throw new ValidationError('The cursor is not valid; start again from the first page', {
    cursor: ['not a valid cursor'],
  });
}
