import { restRoute } from '@/server/rest/next';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = restRoute('GET /api/plans');
