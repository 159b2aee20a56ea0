import type { Metadata } from 'next';
import { ApiKeysManager } from '@/components/billing/api-keys-manager';
import { Notice } from '@/components/ui/card';
import { requireOrgViewer } from '@/server/auth/current-viewer';
import { roleAtLeast } from '@/server/auth/roles';
import { getServerCaller } from '@/server/trpc/server-caller';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const viewer = await requireOrgViewer('/billing/api-keys');
  if (!roleAtLeast(viewer.role, 'org:admin')) {
    return <Notice tone="warning">Only organization admins can manage API keys.</Notice>;
  }
  const keys = await (await getServerCaller()).apiKeys.list();
  return <ApiKeysManager initialKeys={keys} canCreatePlatformKeys={viewer.isPlatformAdmin} />;
}
