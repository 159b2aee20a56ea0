import { ValidationError, UnauthorizedError, isAppError } from '../errors';
import { countError, countRateLimited, observeRequest } from '../observability/metrics';
import { requestIdFrom, runInRequest } from '../observability/request-context';
import { rateLimitIdentity } from '../ratelimit/identity';
import { consumeRateLimit } from '../ratelimit/rate-limit';
import { createCaller } from '../routers/_app';
import { createInnerContext, type ServiceDeps } from '../trpc/context';
import { jsonResponse, toRestFailure } from './envelope';
import { parsePart, queryObject, readJsonBody } from './input';
import { createRestCaller } from './rest.router';
import { NoInput, type AnyRestRoute } from './route';
import { REST_ROUTES } from './route-table';

/** `GET /api/plans/{id}`: the metrics label and the key route files name their route by. */
export const routeKey = (route: Pick<AnyRestRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

/**
 * Serves one REST route: authenticates exactly as the tRPC handler does, counts the request against its
 * rate-limit bucket, validates path, query and body, and calls the route's handler with the tRPC callers
 * of this request's context, so roles, scopes and tenancy are enforced by the procedures themselves.
 */
export function runRoute(
  route: AnyRestRoute,
  request: Request,
  deps: ServiceDeps,
  params: Record<string, string>,
): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const started = performance.now();
  return runInRequest({ requestId }, async () => {
    let response: Response;
    try {
      response = await serve(route, request, deps, params, requestId);
    } catch (error) {
      const failure = toRestFailure(error);
      countError(failure.body.code);
      if (failure.unexpected) deps.logger.error({ err: error, route: routeKey(route) }, 'REST route failed');
      response = jsonResponse(failure.status, failure.body, failure.headers);
    }
    observeRequest(routeKey(route), response.status, (performance.now() - started) / 1000);
    response.headers.set('x-request-id', requestId);
    return response;
  });
}

async function serve(
  route: AnyRestRoute,
  request: Request,
  deps: ServiceDeps,
  rawParams: Record<string, string>,
  requestId: string,
): Promise<Response> {
  const { principal, failure } = await deps.auth.authenticate(request.headers, deps.db, deps.clock());
  try {
    await consumeRateLimit(deps.rateLimiter, {
      bucket: route.bucket,
      identity: rateLimitIdentity(principal, request.headers),
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'RATE_LIMITED') countRateLimited(route.bucket);
    throw error;
  }
  // The procedure would refuse an anonymous caller too; refusing before the body is read answers 401, not 400.
  if (route.access !== 'public' && !principal) throw new UnauthorizedError(failure ?? undefined);
  const params = parsePart(route.params ?? NoInput, rawParams, 'path');
  const query = parsePart(route.query ?? NoInput, queryObject(new URL(request.url)), 'query');
  const body = route.body ? parsePart(route.body, await bodyFor(route.body, request), 'body') : {};
  const ctx = createInnerContext(deps, { requestId, principal, authFailure: failure });
  const data = await route.handle(
    { params, query, body },
    { api: createCaller(ctx), rest: createRestCaller(ctx), ctx },
  );
  const checked = route.response.safeParse(data);
  // What we send must be what the OpenAPI document promises; a mismatch is our bug, answered as a 500.
  if (!checked.success) throw new Error(`${routeKey(route)} answered outside its schema`, { cause: checked.error });
  return jsonResponse(route.status, { status: 'success', data: checked.data });
}

/** An empty body stands for `{}` where every field is optional; elsewhere it is refused. */
async function bodyFor(schema: NonNullable<AnyRestRoute['body']>, request: Request): Promise<unknown> {
  const body = await readJsonBody(request);
  if (body !== undefined) return body;
  if (schema.safeParse({}).success) return {};
  throw new ValidationError('A JSON body is required', { body: ['required'] });
}

const PATTERNS = REST_ROUTES.map((route) => ({
  route,
  names: [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/** Finds the route for a method and path, with its path parameters. */
export function matchRoute(method: string, pathname: string) {
  for (const { route, names, pattern } of PATTERNS) {
    const match = route.method === method ? pattern.exec(pathname) : null;
    if (match) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      return { route, params };
    }
  }
  return null;
}

/** Every REST route behind one Fetch handler: what the Next route files serve, for tests over real HTTP. */
export async function handleRestRequest(request: Request, deps: ServiceDeps): Promise<Response> {
  const found = matchRoute(request.method, new URL(request.url).pathname);
  if (!found) return jsonResponse(404, { status: 'error', code: 'NOT_FOUND', message: 'No such route' });
  return runRoute(found.route, request, deps, found.params);
}
