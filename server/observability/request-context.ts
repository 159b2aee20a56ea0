import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being served, if any: the logger stamps its id on every line. */
export const currentRequest = (): RequestScope | undefined => storage.getStore();

export function runInRequest<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

const SAFE_REQUEST_ID = /^[\w.:-]{8,128}$/;

/** Reuses a caller's `x-request-id` when it is well-formed, so ids follow a call across services. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get('x-request-id');
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
