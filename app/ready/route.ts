import { checkReadiness } from '@/server/health/readiness';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Readiness: each dependency's state; 503 when a required one is down or the app is draining. */
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness(await getRuntime());
  return Response.json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
