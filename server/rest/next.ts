import { getRuntime } from '../runtime';
import { routeKey, runRoute } from './handler';
import { REST_ROUTES } from './route-table';

/** What Next passes a route handler: the dynamic segments of its folder (`[id]`). */
interface RouteContext {
  params?: Promise<Record<string, string | string[] | undefined> | undefined>;
}

/**
 * A Next route handler for the route named `METHOD /path` in the table: a route file is one line per
 * method. An unknown name fails when the module loads, not on the first request.
 */
export function restRoute(key: string) {
  const route = REST_ROUTES.find((candidate) => routeKey(candidate) === key);
  if (!route) throw new Error(`No REST route ${key} in server/rest/route-table.ts`);
  return async (request: Request, context: RouteContext): Promise<Response> => {
    // Routes without dynamic segments get no params at all.
    const given = (await context?.params) ?? {};
    const params = Object.fromEntries(
      Object.entries(given).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    return runRoute(route, request, await getRuntime(), params);
  };
}
