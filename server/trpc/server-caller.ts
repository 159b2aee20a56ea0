import { randomUUID } from 'node:crypto';
import { createCaller } from '../routers/_app';
import { getRuntime } from '../runtime';
import { createInnerContext } from './context';

/** The tRPC API called in-process from server components: same procedures, no HTTP hop. */
export async function getServerCaller() {
  const runtime = await getRuntime();
  return createCaller(createInnerContext(runtime, { requestId: randomUUID() }));
}
