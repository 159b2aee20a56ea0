import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';

/** Told of every statement: its kind (select, insert, …), whether it succeeded, how long it took. */
export type QueryObserver = (operation: string, ok: boolean, seconds: number) => void;

const KINDS = new Set(['select', 'insert', 'update', 'delete', 'with']);

/** The statement's first keyword, or `other`: a bounded label, whatever the SQL. */
export function statementKind(sqlText: string): string {
  const word = /^\s*([a-z]+)/i.exec(sqlText)?.[1]?.toLowerCase();
  return word && KINDS.has(word) ? word : 'other';
}

/** Times a promise from the moment it is awaited (postgres.js queries run only then). */
function timed<T>(run: () => Promise<T>, sqlText: string, observe: QueryObserver): Promise<T> {
  const started = performance.now();
  const done = (ok: boolean) => observe(statementKind(sqlText), ok, (performance.now() - started) / 1000);
  return run().then(
    (value) => {
      done(true);
      return value;
    },
    (error: unknown) => {
      done(false);
      throw error;
    },
  );
}

/** Forwards everything else to the real object, with methods bound to it (drivers keep private state). */
export function passThrough(target: object, prop: string | symbol): unknown {
  const value: unknown = Reflect.get(target, prop, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}

/** The callback of `begin`/`savepoint`/`transaction` is their last argument; give it an observed client. */
export function wrapCallback<C extends object>(args: unknown[], wrap: (client: C) => C): unknown[] {
  const last = args[args.length - 1];
  if (typeof last !== 'function') return args;
  return [...args.slice(0, -1), (client: C) => (last as (c: C) => unknown)(wrap(client))];
}

/**
 * postgres.js with every statement observed, transactions and savepoints included. drizzle calls
 * `unsafe(text, params)` and awaits the result, maybe through `.values()`: both are timed.
 */
export function instrumentPostgres(sql: Sql, observe: QueryObserver): Sql {
  const wrapQuery = (query: object, sqlText: string): object =>
    new Proxy(query, {
      get(target, prop) {
        if (prop === 'then') {
          return (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) =>
            timed(() => target as Promise<unknown>, sqlText, observe).then(onFulfilled, onRejected);
        }
        if (prop === 'values' || prop === 'raw') {
          return (...args: unknown[]) =>
            wrapQuery((Reflect.get(target, prop) as (...a: unknown[]) => object).apply(target, args), sqlText);
        }
        return passThrough(target, prop);
      },
    });
  return new Proxy(sql, {
    get(target, prop) {
      if (prop === 'unsafe') {
        return (text: string, ...rest: unknown[]) =>
          wrapQuery((target.unsafe as (...a: unknown[]) => object)(text, ...rest), text);
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const method = Reflect.get(target, prop) as (...a: unknown[]) => unknown;
        return (...args: unknown[]) =>
          method.apply(
            target,
            wrapCallback<Sql>(args, (client) => instrumentPostgres(client, observe)),
          );
      }
      return passThrough(target, prop);
    },
  });
}

interface PgliteLike {
  query(text: string, ...rest: unknown[]): Promise<unknown>;
}

/** PGlite with every statement observed, inside transactions too. */
export function instrumentPglite<T extends PGlite | PgliteLike>(client: T, observe: QueryObserver): T {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') {
        return (text: string, ...rest: unknown[]) =>
          timed(() => (target as PgliteLike).query(text, ...rest), text, observe);
      }
      if (prop === 'transaction') {
        const method = Reflect.get(target, prop) as (...a: unknown[]) => unknown;
        return (...args: unknown[]) =>
          method.apply(
            target,
            wrapCallback<PgliteLike>(args, (tx) => instrumentPglite(tx, observe)),
          );
      }
      return passThrough(target, prop);
    },
  });
}
