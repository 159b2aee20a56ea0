import { handleLocalSession } from '@/server/auth/local-session-http';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function POST(request: Request, { params }: { params: Promise<{ action: string }> }) {
  return handleLocalSession((await params).action, request, await getRuntime());
}
