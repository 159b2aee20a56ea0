'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AdminPlanOutput } from '@/server/routers/admin/plans.schemas';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { fieldErrorsOf, firstError } from './form-bits';

type FeatureType = 'boolean' | 'number' | 'text';
interface FeatureRow {
  key: number;
  id?: string;
  name: string;
  description: string;
  featureType: FeatureType;
  value: string;
  isHighlighted: boolean;
}

let rowKey = 0;
const rowsOf = (plan: AdminPlanOutput): FeatureRow[] =>
  plan.features.map((f) => ({ key: ++rowKey, ...f, description: f.description ?? '' }));
const small = 'rounded-lg border border-slate-300 px-2 py-2 text-sm aria-[invalid=true]:border-red-500';

function valueError(type: FeatureType, value: string): string | undefined {
  if (type === 'boolean' && value !== 'true' && value !== 'false') return 'choose yes or no';
  if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(value.trim())) return 'a number';
  if (type === 'text' && !value.trim()) return 'enter a value';
  return undefined;
}

/** A plan's features (yes/no, a number or a text); edited in place, so subscribers see them at once. */
export function FeaturesEditor({ plan }: { plan: AdminPlanOutput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<FeatureRow[]>(() => rowsOf(plan));
  const [checks, setChecks] = useState<Record<string, string | undefined>>({});
  const save = useMutation(
    trpc.admin.plans.setFeatures.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.admin.plans.get.queryKey({ id: saved.id }), saved);
        setRows(rowsOf(saved)); // new rows now have ids: the next save edits them in place
      },
    }),
  );
  const error = (key: string) => firstError(checks, fieldErrorsOf(save.error), key);
  const set = (key: number, change: Partial<FeatureRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (!/^[a-z][a-z0-9_]{0,63}$/.test(r.name.trim()))
        found[`features.${i}.name`] = 'lowercase letters, digits and _';
      const problem = valueError(r.featureType, r.value);
      if (problem) found[`features.${i}.value`] = problem;
    });
    setChecks(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({
      planId: plan.id,
      features: rows.map((r) => ({
        ...(r.id ? { id: r.id } : {}),
        name: r.name.trim(),
        description: r.description.trim() || null,
        featureType: r.featureType,
        value: r.value.trim(),
        isHighlighted: r.isHighlighted,
      })),
    });
  };

  return (
    <Card title="Features">
      <form onSubmit={submit} noValidate className="space-y-3">
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">No features listed yet.</p>
        ) : (
          <p className="text-xs text-slate-500">
            Each feature: its key (what services check), the label customers see, its type and value.
          </p>
        )}
        {rows.map((r, i) => {
          const n = i + 1;
          const problems = [error(`features.${i}.name`), error(`features.${i}.value`)].filter(Boolean);
          return (
            <div key={r.key} className="space-y-1 rounded-lg border border-slate-100 p-2">
              <div className="flex flex-wrap items-center gap-2">
                <input
                  aria-label={`Key of feature ${n}`}
                  placeholder="custom_branding"
                  value={r.name}
                  onChange={(e) => set(r.key, { name: e.target.value })}
                  aria-invalid={Boolean(error(`features.${i}.name`))}
                  className={`${small} w-44 font-mono`}
                />
                <input
                  aria-label={`Label of feature ${n}`}
                  placeholder="Custom branding"
                  value={r.description}
                  onChange={(e) => set(r.key, { description: e.target.value })}
                  className={`${small} w-56`}
                />
                <select
                  aria-label={`Type of feature ${n}`}
                  value={r.featureType}
                  onChange={(e) => {
                    const featureType = e.target.value as FeatureType;
                    set(r.key, { featureType, value: featureType === 'boolean' ? 'true' : '' });
                  }}
                  className={small}
                >
                  <option value="boolean">Yes / no</option>
                  <option value="number">Number</option>
                  <option value="text">Text</option>
                </select>
                {r.featureType === 'boolean' ? (
                  <select
                    aria-label={`Value of feature ${n}`}
                    value={r.value}
                    onChange={(e) => set(r.key, { value: e.target.value })}
                    className={small}
                  >
                    <option value="true">Included</option>
                    <option value="false">Not included</option>
                  </select>
                ) : (
                  <input
                    aria-label={`Value of feature ${n}`}
                    value={r.value}
                    inputMode={r.featureType === 'number' ? 'decimal' : undefined}
                    onChange={(e) => set(r.key, { value: e.target.value })}
                    aria-invalid={Boolean(error(`features.${i}.value`))}
                    className={`${small} w-32`}
                  />
                )}
                <label className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    checked={r.isHighlighted}
                    onChange={(e) => set(r.key, { isHighlighted: e.target.checked })}
                  />
                  Highlighted<span className="sr-only"> (feature {n})</span>
                </label>
                <Button
                  variant="ghost"
                  className="text-xs"
                  onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                >
                  Remove<span className="sr-only"> feature {n}</span>
                </Button>
              </div>
              {problems.length > 0 && <p className="text-xs text-red-600">{problems.join('; ')}</p>}
            </div>
          );
        })}
        {save.error && Object.keys(fieldErrorsOf(save.error)).length === 0 && (
          <Notice tone="error">{save.error.message}</Notice>
        )}
        {save.isSuccess && <Notice>Features saved: subscribers have them now.</Notice>}
        <div className="flex gap-2">
          <Button
            variant="secondary"
            onClick={() =>
              setRows((all) => [
                ...all,
                {
                  key: ++rowKey,
                  name: '',
                  description: '',
                  featureType: 'boolean',
                  value: 'true',
                  isHighlighted: false,
                },
              ])
            }
          >
            Add a feature
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save features'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
