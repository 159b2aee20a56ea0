import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { createCaller } from '../routers/_app';
import { getRuntime } from '../runtime';
import { createInnerContext } from './context';

/**
 * The tRPC API called in-process from server components, as the signed-in user of this request:
 * same procedures and checks, no HTTP hop.
 */
export async function getServerCaller() {
  const runtime = await getRuntime();
  const requestHeaders = new Headers(await headers());
  const { principal, failure } = await runtime.auth.authenticate(requestHeaders, runtime.db, runtime.clock());
  return createCaller(createInnerContext(runtime, { requestId: randomUUID(), principal, authFailure: failure }));
}
