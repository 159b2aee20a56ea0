import { createHash, timingSafeEqual } from 'node:crypto';
import { renderMetrics } from './metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /api/metrics: the Prometheus exposition, for a scraper holding METRICS_TOKEN as a bearer token.
 * Without a configured token the endpoint does not exist (404), so metrics are never public by accident.
 */
export async function handleMetricsRequest(request: Request, token: string | undefined): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  if (!token) return new Response('Not found\n', { status: 404, headers });
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  // Hashes have equal length, so the comparison takes the same time whatever was presented.
  if (!timingSafeEqual(digest(presented), digest(token))) {
    return new Response('Unauthorized\n', { status: 401, headers: { ...headers, 'www-authenticate': 'Bearer' } });
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { status: 200, headers: { ...headers, 'content-type': contentType } });
}
