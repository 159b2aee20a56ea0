'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { CreateApiKeyForm } from './create-api-key-form';

type ApiKey = inferRouterOutputs<AppRouter>['apiKeys']['list'][number];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-US') : '—');

/** The organization's service keys: create (secret shown once), see prefix and last use, revoke. */
export function ApiKeysManager({
  initialKeys,
  canCreatePlatformKeys,
}: {
  initialKeys: ApiKey[];
  canCreatePlatformKeys: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions(undefined, { initialData: initialKeys }));
  const [confirming, setConfirming] = useState<ApiKey | null>(null);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => {
        setConfirming(null);
        return queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );

  return (
    <div className="space-y-6">
      <CreateApiKeyForm canCreatePlatformKeys={canCreatePlatformKeys} />
      <Card title="Keys">
        {keys.data.length === 0 ? (
          <p className="text-sm text-slate-500">
            No API keys yet. Create one for each service that reports usage or checks entitlements.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="API keys">
              <thead className="text-xs text-slate-500 uppercase">
                <tr>
                  <th className="py-2 pr-4">Name</th>
                  <th className="py-2 pr-4">Key</th>
                  <th className="py-2 pr-4">Scopes</th>
                  <th className="py-2 pr-4">Created</th>
                  <th className="py-2 pr-4">Last used</th>
                  <th className="py-2" />
                </tr>
              </thead>
              <tbody>
                {keys.data.map((key) => (
                  <tr key={key.id} className="border-t border-slate-100">
                    <td className="py-2 pr-4 font-medium">
                      {key.name}
                      {key.platform && (
                        <span className="ml-2 rounded bg-violet-100 px-1.5 text-xs text-violet-800">platform</span>
                      )}
                    </td>
                    <td className="py-2 pr-4 font-mono text-xs">{key.prefix}…</td>
                    <td className="py-2 pr-4 text-xs">{key.scopes.join(', ')}</td>
                    <td className="py-2 pr-4 text-xs">{when(key.createdAt)}</td>
                    <td className="py-2 pr-4 text-xs">{when(key.lastUsedAt)}</td>
                    <td className="py-2 text-right">
                      {key.revokedAt ? (
                        <span className="text-xs text-slate-500">Revoked</span>
                      ) : (
                        <Button variant="secondary" className="text-xs" onClick={() => setConfirming(key)}>
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {confirming && (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="revoke-title"
          className="fixed inset-0 z-10 flex items-center justify-center bg-slate-900/40 p-4"
        >
          <div className="w-full max-w-md space-y-4 rounded-2xl bg-white p-6 shadow-xl">
            <h2 id="revoke-title" className="text-lg font-semibold">
              Revoke “{confirming.name}”?
            </h2>
            <p className="text-sm text-slate-600">
              Services using this key stop working at once. This cannot be undone.
            </p>
            {revoke.error && <Notice tone="error">{revoke.error.message}</Notice>}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(null)} disabled={revoke.isPending}>
                Cancel
              </Button>
              <Button variant="danger" onClick={() => revoke.mutate({ id: confirming.id })} disabled={revoke.isPending}>
                {revoke.isPending ? 'Revoking…' : 'Revoke key'}
              </Button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
