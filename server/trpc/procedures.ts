import type { Actor } from '../billing/audit.service';
import type { ApiKeyPrincipal, OrgRole, Principal, UserPrincipal } from '../auth/principal';
import { roleAtLeast } from '../auth/roles';
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import { baseProcedure } from './init';

/** The organization a call acts for, and how the caller holds it. */
export interface OrgScope {
  id: string;
  /** The caller's role in it; null for API keys, which are limited by scope instead. */
  role: OrgRole | null;
  actor: Actor;
}

const actorOf = (principal: Principal): Actor =>
  principal.kind === 'user' ? { type: 'user', id: principal.userId } : { type: 'api_key', id: principal.keyId };

/** Anyone may call: the public catalog. */
export const publicProcedure = baseProcedure;

/** A verified session token or API key is required (401 otherwise). */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) throw new UnauthorizedError(ctx.authFailure ?? undefined);
  return next({ ctx: { principal: ctx.principal, actor: actorOf(ctx.principal) } });
});

/**
 * Acts for the caller's active organization (403 without one) and puts it on `ctx.org`. An
 * `organizationId` in the input that is not that organization reads as not found, like one that does
 * not exist. API keys pass only procedures that name their scope, and only with that scope.
 */
export const orgProcedure = authedProcedure.use(async ({ ctx, meta, getRawInput, next }) => {
  const requested = organizationIdIn(await getRawInput());
  const org =
    ctx.principal.kind === 'user'
      ? userOrg(ctx.principal, requested)
      : apiKeyOrg(ctx.principal, requested, meta?.apiKeyScope);
  return next({ ctx: { org: { ...org, actor: ctx.actor } satisfies OrgScope } });
});

function userOrg(principal: UserPrincipal, requested: string | undefined) {
  if (!principal.orgId || !principal.orgRole) {
    throw new ForbiddenError('Choose an organization first: this needs an active organization');
  }
  if (requested !== undefined && requested !== principal.orgId) throw new NotFoundError('Organization');
  return { id: principal.orgId, role: principal.orgRole };
}

function apiKeyOrg(principal: ApiKeyPrincipal, requested: string | undefined, scope: string | undefined) {
  if (!scope) throw new ForbiddenError('API keys cannot call this procedure');
  if (!principal.scopes.includes(scope as never)) throw new ForbiddenError(`This API key lacks the ${scope} scope`);
  if (principal.isPlatform) {
    if (!requested) {
      throw new ValidationError('A platform key must name the organization', {
        organizationId: ['required for platform keys'],
      });
    }
    return { id: requested, role: null };
  }
  if (requested !== undefined && requested !== principal.organizationId) throw new NotFoundError('Organization');
  return { id: principal.organizationId, role: null };
}

function organizationIdIn(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || !('organizationId' in input)) return undefined;
  const value = (input as { organizationId: unknown }).organizationId;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new AppError('VALIDATION_ERROR', 'organizationId must be a string', {
      fieldErrors: { organizationId: ['must be a string'] },
    });
  }
  return value;
}

/** People need at least `minimum` in the organization; API keys were already checked by scope. */
const requireRole = (minimum: OrgRole) =>
  orgProcedure.use(({ ctx, next }) => {
    if (ctx.org.role !== null && !roleAtLeast(ctx.org.role, minimum)) {
      throw new ForbiddenError(`This needs the ${minimum.replace('org:', '')} role or higher`);
    }
    return next();
  });

/** Subscribing, changing plans, payment methods: billing people and admins (and scoped keys). */
export const billingProcedure = requireRole('org:billing');

/** API keys and the audit log: organization admins only. */
export const adminProcedure = requireRole('org:admin');

/**
 * The operators of the SaaS: admins of the organization named by PLATFORM_ORG_ID. They edit the catalog
 * and reach an organization's data only through admin.organizations.*.
 */
export const platformAdminProcedure = authedProcedure.use(({ ctx, next }) => {
  const { principal } = ctx;
  const platformOrgId = ctx.auth.platformOrgId;
  const isPlatformAdmin =
    principal.kind === 'user' &&
    platformOrgId !== null &&
    principal.orgId === platformOrgId &&
    principal.orgRole === 'org:admin';
  if (!isPlatformAdmin) throw new ForbiddenError('Only platform admins can do this');
  return next({ ctx: { platformAdmin: { userId: principal.userId } } });
});
