import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { matchRoute } from '../handler';
import { openApiDocument } from '../openapi';

type Json = Record<string, unknown>;
const DOC = 'openapi.json';

/** Every response is checked against the served OpenAPI document: its status must be declared and its body valid. */
function documentValidator() {
  const document = openApiDocument() as unknown as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, DOC);
  const resolve = (pointer: string): Json =>
    pointer
      .replace(/^#\//, '')
      .split('/')
      .reduce<Json>((node, part) => node[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Json, document);
  return (method: string, path: string, status: number, body: unknown) => {
    const found = matchRoute(method, new URL(path, 'http://x').pathname);
    if (!found) return; // not a documented route: nothing to hold it to
    const operation = resolve(`#/paths/${found.route.path.replace(/\//g, '~1')}/${method.toLowerCase()}`);
    let response = (operation.responses as Json)[String(status)] as Json | undefined;
    expect(response, `${method} ${path} answered ${status}, which the document does not declare`).toBeDefined();
    if (typeof response!.$ref === 'string') response = resolve(response!.$ref);
    const schemaRef = ((response!.content as Json)['application/json'] as Json).schema as { $ref: string };
    const validate = ajv.getSchema(`${DOC}${schemaRef.$ref}`)!;
    const valid = validate(body);
    expect(valid, `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`).toBe(
      true,
    );
    covered.add(`${found.route.method} ${found.route.path} ${status}`);
  };
}

/** `METHOD /path STATUS` of every response validated in this test file. */
export const covered = new Set<string>();
let check: ReturnType<typeof documentValidator> | undefined;

export interface RestAnswer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Calls the REST API over HTTP; `body` is sent as JSON unless `raw` gives the exact bytes. Every answer is
 * validated against the OpenAPI document before the test sees it.
 */
export async function rest<T = Json>(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; raw?: string } = {},
): Promise<RestAnswer<T>> {
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: payload,
  });
  const body = (await response.json()) as T;
  (check ??= documentValidator())(method, path, response.status, body);
  return { status: response.status, headers: response.headers, body };
}

/** The `data` of a success envelope, failing the test with the error envelope otherwise. */
export function dataOf<T = Json>(answer: RestAnswer, status = 200): T {
  expect(answer.body, JSON.stringify(answer.body)).toMatchObject({ status: 'success' });
  expect(answer.status).toBe(status);
  return answer.body.data as T;
}

/** Expects the error envelope with `code` (its status is the document's, checked by `rest`). */
export function expectError(answer: RestAnswer, code: string, status?: number) {
  expect(answer.body, JSON.stringify(answer.body)).toMatchObject({ status: 'error', code });
  if (status !== undefined) expect(answer.status).toBe(status);
}

/** Each route answered its success status in this file, every answer checked against the document. */
export function expectSuccessCovered(routes: ReadonlyArray<{ method: string; path: string; status: number }>) {
  const missing = routes.map((r) => `${r.method} ${r.path} ${r.status}`).filter((key) => !covered.has(key));
  expect(missing, 'routes never answered successfully in this file').toEqual([]);
}
