import { z } from 'zod';
import type { ApiKeyScope } from '@/db/schema';
import type { ErrorCode } from '../errors';
import type { RateLimitBucket } from '../ratelimit/rate-limit';
import type { createCaller } from '../routers/_app';
import type { Context } from '../trpc/context';
import type { createRestCaller } from './rest.router';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who may call a route, as the procedure behind it enforces (documented, and proven by the REST matrix test). */
export type Access = 'public' | 'member' | 'billing';

/** What a handler works with: the tRPC caller of this request's context, so every rule is the procedures'. */
export interface RouteCall {
  api: ReturnType<typeof createCaller>;
  /** The few REST-only reads (offset pages), built from the same procedure builders. */
  rest: ReturnType<typeof createRestCaller>;
  ctx: Context;
}

export const NoInput = z.object({}).strict();
type Part = z.ZodType<Record<string, unknown>>;

/**
 * One REST route: the handlers and the OpenAPI document both read this, so the document cannot drift
 * from what is served. `path` uses OpenAPI's `{name}` for path parameters.
 */
export interface RestRoute<
  P extends Part = typeof NoInput,
  Q extends Part = typeof NoInput,
  B extends Part = typeof NoInput,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: `/api/${string}`;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** The API key scope that lets a service key call it; without one keys are refused. */
  apiKeyScope?: ApiKeyScope;
  bucket: RateLimitBucket;
  /** 201 for a create, as the seed's API answered. */
  status: 200 | 201;
  params?: P;
  query?: Q;
  body?: B;
  /** The `data` of the success envelope. */
  response: R;
  /** Codes this route answers beyond the ones every route may (validation, auth, rate limit, internal). */
  errors: ErrorCode[];
  handle(input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> }, call: RouteCall): Promise<z.input<R>>;
}

export type AnyRestRoute = RestRoute<Part, Part, Part, z.ZodType>;

/** Keeps each route's handler typed by its own schemas. */
export function defineRoute<
  P extends Part = typeof NoInput,
  Q extends Part = typeof NoInput,
  B extends Part = typeof NoInput,
  R extends z.ZodType = z.ZodType,
>(route: RestRoute<P, Q, B, R>): RestRoute<P, Q, B, R> {
  return route;
}

/** Codes any route may answer, whatever it does. */
export function errorCodesOf(route: AnyRestRoute): ErrorCode[] {
  const always: ErrorCode[] = ['VALIDATION_ERROR', 'RATE_LIMITED', 'INTERNAL_ERROR'];
  const guarded: ErrorCode[] = route.access === 'public' ? [] : ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'];
  return [...new Set([...always, ...guarded, ...route.errors])];
}
