'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';

const SCOPES = [
  { value: 'usage:write', label: 'Record usage' },
  { value: 'entitlements:read', label: 'Check entitlements' },
  { value: 'subscriptions:read', label: 'Read the subscription' },
] as const;
type Scope = (typeof SCOPES)[number]['value'];

export function CreateApiKeyForm({ canCreatePlatformKeys }: { canCreatePlatformKeys: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['usage:write', 'entitlements:read']);
  const [platform, setPlatform] = useState(false);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => {
        setName('');
        return queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );
  const fieldErrors = (create.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, scopes, ...(platform ? { platform } : {}) });
  };
  const toggle = (scope: Scope) =>
    setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));

  return (
    <Card title="Create an API key">
      {create.data && (
        <div className="mb-4 space-y-2" data-testid="new-api-key">
          <Notice tone="warning">Copy this key now: it is shown only once.</Notice>
          <code className="block overflow-x-auto rounded-lg bg-slate-900 px-3 py-2 font-mono text-xs text-emerald-300">
            {create.data.secret}
          </code>
        </div>
      )}
      <form onSubmit={submit} className="space-y-3" noValidate>
        <div>
          <label htmlFor="api-key-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="api-key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. notifications-service"
            aria-invalid={Boolean(fieldErrors?.name)}
            className="mt-1 w-full max-w-sm rounded-lg border border-slate-300 px-3 py-2 text-sm"
          />
          {fieldErrors?.name && <p className="mt-1 text-xs text-red-600">{fieldErrors.name.join(', ')}</p>}
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Scopes</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {SCOPES.map((scope) => (
              <label key={scope.value} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={scopes.includes(scope.value)} onChange={() => toggle(scope.value)} />
                {scope.label} <code className="text-xs text-slate-500">{scope.value}</code>
              </label>
            ))}
          </div>
          {fieldErrors?.scopes && <p className="mt-1 text-xs text-red-600">{fieldErrors.scopes.join(', ')}</p>}
        </fieldset>
        {canCreatePlatformKeys && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={platform} onChange={(e) => setPlatform(e.target.checked)} />
            Platform key (acts for any organization it names)
          </label>
        )}
        {create.error && !fieldErrors && <Notice tone="error">{create.error.message}</Notice>}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </Button>
      </form>
    </Card>
  );
}
