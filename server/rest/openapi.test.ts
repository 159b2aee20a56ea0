import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/openapi.json/route';
import { routeKey } from './handler';
import { buildOpenApiDocument } from './openapi';
import { REST_ROUTES } from './route-table';

const API_DIR = path.join(process.cwd(), 'app', 'api');

/** Every `route.ts` under app/api with the REST routes it serves: `{method → key}`. */
function routeFiles() {
  const files: Array<{ folder: string; exports: Record<string, string> }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const text = readFileSync(full, 'utf8');
        const exports = Object.fromEntries(
          [...text.matchAll(/export const (\w+) = restRoute\('([^']+)'\)/g)].map((m) => [m[1]!, m[2]!]),
        );
        const folder = `/${path.relative(process.cwd(), dir).split(path.sep).join('/')}`.replace(/^\/app/, '');
        if (Object.keys(exports).length) files.push({ folder, exports });
      }
    }
  };
  walk(API_DIR);
  return files;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(buildOpenApiDocument()) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes exactly the routes of the table, each with its success and error answers', () => {
    const document = buildOpenApiDocument();
    const documented = Object.entries(document.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(REST_ROUTES.map(routeKey).sort());
    const create = document.paths['/api/subscriptions']!.post as { responses: Record<string, unknown> };
    expect(Object.keys(create.responses).sort()).toEqual(
      ['201', '400', '401', '402', '403', '404', '409', '429', '500', '502'].sort(),
    );
  });

  it('is what GET /api/openapi.json serves', async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });
});

describe('the Next route files', () => {
  it('serve each route of the table from the folder of its path, under its method', () => {
    const served = routeFiles().flatMap(({ folder, exports }) =>
      Object.entries(exports).map(([method, key]) => {
        const route = REST_ROUTES.find((r) => routeKey(r) === key);
        expect(route, `${folder}/route.ts names ${key}, which is not in the table`).toBeDefined();
        expect(method).toBe(route!.method);
        expect(folder).toBe(route!.path.replace(/\{(\w+)\}/g, '[$1]'));
        return key;
      }),
    );
    expect(served.sort()).toEqual(REST_ROUTES.map(routeKey).sort());
  });
});
