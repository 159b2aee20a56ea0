import { restRoute } from '@/server/rest/next';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET takes the organization id (the seed's `:organizationId`); PUT and DELETE our subscription id. */
export const GET = restRoute('GET /api/subscriptions/{id}');
export const PUT = restRoute('PUT /api/subscriptions/{id}');
export const DELETE = restRoute('DELETE /api/subscriptions/{id}');
