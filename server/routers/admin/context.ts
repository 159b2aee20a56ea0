import type { Actor } from '../../billing/audit.service';
import type { CatalogCaller, CatalogDeps } from '../../billing/catalog/catalog.deps';
import type { Context } from '../../trpc/context';

/** The catalog's dependencies and the platform admin making the change, from a procedure's context. */
export const catalogDeps = (ctx: Context): CatalogDeps => ({ db: ctx.db, payments: ctx.payments });
export const catalogCaller = (ctx: Context & { actor: Actor }): CatalogCaller => ({
  actor: ctx.actor,
  requestId: ctx.requestId,
  now: ctx.clock(),
});
