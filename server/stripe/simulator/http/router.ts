import type { Ctx } from '../state/context';
import type { FormObject } from './form';

export type Method = 'GET' | 'POST' | 'DELETE';

export interface RouteRequest {
  params: FormObject;
  path: Record<string, string>;
  /** Runs after the request's changes are committed (e.g. start advancing a test clock). */
  defer(task: () => void): void;
}

export type Handler = (ctx: Ctx, req: RouteRequest) => unknown;

export interface Route {
  method: Method;
  pattern: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  keys: string[];
  staticSegments: number;
}

export function route(method: Method, pattern: string, handler: Handler): Route {
  return { method, pattern, handler };
}

/** Matches Stripe paths; a literal segment (`/invoices/create_preview`) wins over a parameter (`/invoices/:id`). */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes
      .map((r) => {
        const segments = r.pattern.split('/').filter(Boolean);
        const keys = segments.filter((s) => s.startsWith(':')).map((s) => s.slice(1));
        const source = segments
          .map((s) => (s.startsWith(':') ? '([^/]+)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/');
        return { ...r, keys, regex: new RegExp(`^/${source}/?$`), staticSegments: segments.length - keys.length };
      })
      .sort((a, b) => b.staticSegments - a.staticSegments);
  }

  match(method: string, path: string): { route: Route; path: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1] ?? '')));
      return { route: r, path: params };
    }
    return undefined;
  }
}
