import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, sqlList } from './columns';

export const ACTOR_TYPES = ['user', 'api_key', 'stripe', 'system'] as const;

/** Append-only trail of every mutation; the app never updates or deletes a row. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for platform-wide changes (the catalog). */
    organizationId: text('organization_id'),
    actorType: text('actor_type', { enum: ACTOR_TYPES }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    stripeEventId: text('stripe_event_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_organization_idx').on(t.organizationId, t.createdAt, t.id),
    index('audit_log_action_idx').on(t.organizationId, t.action, t.createdAt),
    check('audit_log_actor_type_check', sql.raw(`actor_type in (${sqlList(ACTOR_TYPES)})`)),
  ],
);
