import { getRuntime } from '@/server/runtime';
import { handleTrpcRequest } from '@/server/trpc/http';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

async function handler(request: Request): Promise<Response> {
  return handleTrpcRequest(request, await getRuntime());
}

export { handler as GET, handler as POST };
