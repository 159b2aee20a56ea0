import type { Sql } from 'postgres';
import { passThrough, wrapCallback } from './instrument';

/**
 * postgres.js prepares its own tagged-template queries, but `unsafe(text, params)`, which drizzle uses
 * for every query, runs unnamed: PostgreSQL parses and plans the statement again on each call. This
 * makes parameterised statements named prepared statements (one per distinct text and connection, kept
 * for the connection's life), so the hot queries are planned once. postgres.js re-prepares by itself
 * when a migration invalidates a plan. Off behind PgBouncer in transaction mode (`DATABASE_PREPARE=0`).
 */
export function prepareParameterisedStatements(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop === 'unsafe') {
        return (text: string, args?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(text, args as never, { ...options, prepare: options?.prepare || Boolean(args?.length) });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const method = Reflect.get(target, prop) as (...a: unknown[]) => unknown;
        return (...args: unknown[]) =>
          method.apply(
            target,
            wrapCallback<Sql>(args, (client) => prepareParameterisedStatements(client)),
          );
      }
      return passThrough(target, prop);
    },
  });
}
