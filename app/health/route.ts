import { appVersion } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Deliberately touches no dependency. */
export function GET(): Response {
  return Response.json(
    { status: 'ok', version: appVersion, uptimeSeconds: Math.round(process.uptime()) },
    { headers: { 'cache-control': 'no-store' } },
  );
}
