import { restRoute } from '@/server/rest/next';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const DELETE = restRoute('DELETE /api/payment-methods/{id}');
