import { restRoute } from '@/server/rest/next';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = restRoute('POST /api/payment-methods/{id}/default');
