'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AdminPlanOutput } from '@/server/routers/admin/plans.schemas';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { majorText, parseUnitPrice } from './amounts';
import { fieldErrorsOf, firstError } from './form-bits';

interface LimitRow {
  key: number;
  id?: string;
  resourceType: string;
  included: string;
  unlimited: boolean;
  enforcement: 'hard' | 'soft';
  overage: string;
  usageType: 'counter' | 'gauge' | 'static';
}

let rowKey = 0;
const rowsOf = (plan: AdminPlanOutput): LimitRow[] =>
  plan.limits.map((l) => ({
    key: ++rowKey,
    id: l.id,
    resourceType: l.resourceType,
    included: l.unlimited ? '' : String(l.maxValue),
    unlimited: l.unlimited,
    enforcement: l.enforcement,
    overage: l.overageUnitPrice === null ? '' : majorText(l.overageUnitPrice, plan.currency),
    usageType: l.usageType,
  }));
const small = 'rounded-lg border border-slate-300 px-2 py-2 text-sm aria-[invalid=true]:border-red-500';

/**
 * A plan's limits. Saving edits the rows in place (ids kept), and entitlements are read from them on
 * every check, so subscribers get the new limits at once.
 */
export function LimitsEditor({ plan }: { plan: AdminPlanOutput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<LimitRow[]>(() => rowsOf(plan));
  const [checks, setChecks] = useState<Record<string, string | undefined>>({});
  const save = useMutation(
    trpc.admin.plans.setLimits.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.admin.plans.get.queryKey({ id: saved.id }), saved);
        setRows(rowsOf(saved)); // new rows now have ids: the next save edits them in place
      },
    }),
  );
  const error = (key: string) => firstError(checks, fieldErrorsOf(save.error), key);
  const set = (key: number, change: Partial<LimitRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const limits = rows.map((r, i) => {
      if (!/^[a-z][a-z0-9_]{0,63}$/.test(r.resourceType.trim())) {
        found[`limits.${i}.resourceType`] = 'lowercase letters, digits and _';
      }
      if (!r.unlimited && !/^\d+$/.test(r.included.trim())) found[`limits.${i}.maxValue`] = 'a whole number';
      const overage = parseUnitPrice(r.overage, plan.currency);
      if (overage.error) found[`limits.${i}.overageUnitPrice`] = overage.error;
      else if (overage.value && (r.unlimited || r.enforcement === 'hard')) {
        found[`limits.${i}.overageUnitPrice`] = 'only a soft, limited resource has overage';
      }
      return {
        ...(r.id ? { id: r.id } : {}),
        resourceType: r.resourceType.trim(),
        unlimited: r.unlimited,
        ...(r.unlimited ? {} : { maxValue: Number(r.included) }),
        enforcement: r.enforcement,
        overageUnitPrice: overage.value ?? null,
        usageType: r.usageType,
      };
    });
    setChecks(found);
    if (Object.keys(found).length === 0) save.mutate({ planId: plan.id, limits });
  };

  return (
    <Card title="Limits">
      <form onSubmit={submit} noValidate className="space-y-3">
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">No limits: everything is unmetered.</p>
        ) : (
          <p className="text-xs text-slate-500">
            Each limit: resource, included quantity (or unlimited), hard or soft, the overage price per unit in{' '}
            {plan.currency.toUpperCase()} (may be below a cent, e.g. 0.001), and how usage counts.
          </p>
        )}
        {rows.map((r, i) => {
          const n = i + 1;
          const rowErrors = ['resourceType', 'maxValue', 'overageUnitPrice']
            .map((f) => error(`limits.${i}.${f}`))
            .filter(Boolean);
          return (
            <div key={r.key} className="space-y-1 rounded-lg border border-slate-100 p-2">
              <div className="flex flex-wrap items-center gap-2">
                <input
                  aria-label={`Resource of limit ${n}`}
                  placeholder="api_requests_per_month"
                  value={r.resourceType}
                  onChange={(e) => set(r.key, { resourceType: e.target.value })}
                  aria-invalid={Boolean(error(`limits.${i}.resourceType`))}
                  className={`${small} w-56 font-mono`}
                />
                <input
                  aria-label={`Included quantity of limit ${n}`}
                  inputMode="numeric"
                  value={r.included}
                  disabled={r.unlimited}
                  onChange={(e) => set(r.key, { included: e.target.value })}
                  aria-invalid={Boolean(error(`limits.${i}.maxValue`))}
                  className={`${small} w-28 disabled:bg-slate-100`}
                />
                <label className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    checked={r.unlimited}
                    onChange={(e) => set(r.key, { unlimited: e.target.checked })}
                  />
                  Unlimited<span className="sr-only"> (limit {n})</span>
                </label>
                <select
                  aria-label={`Enforcement of limit ${n}`}
                  value={r.enforcement}
                  onChange={(e) => set(r.key, { enforcement: e.target.value as LimitRow['enforcement'] })}
                  className={small}
                >
                  <option value="hard">Hard: stop at the limit</option>
                  <option value="soft">Soft: allow, bill overage</option>
                </select>
                <input
                  aria-label={`Overage price per unit of limit ${n} (${plan.currency.toUpperCase()})`}
                  placeholder="0.001"
                  inputMode="decimal"
                  value={r.overage}
                  onChange={(e) => set(r.key, { overage: e.target.value })}
                  aria-invalid={Boolean(error(`limits.${i}.overageUnitPrice`))}
                  className={`${small} w-28`}
                />
                <select
                  aria-label={`Usage type of limit ${n}`}
                  value={r.usageType}
                  onChange={(e) => set(r.key, { usageType: e.target.value as LimitRow['usageType'] })}
                  className={small}
                >
                  <option value="counter">Counted per period</option>
                  <option value="gauge">Current level</option>
                  <option value="static">Setting (not metered)</option>
                </select>
                <Button
                  variant="ghost"
                  className="text-xs"
                  onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                >
                  Remove<span className="sr-only"> limit {n}</span>
                </Button>
              </div>
              {rowErrors.length > 0 && <p className="text-xs text-red-600">{rowErrors.join('; ')}</p>}
            </div>
          );
        })}
        {save.error && Object.keys(fieldErrorsOf(save.error)).length === 0 && (
          <Notice tone="error">{save.error.message}</Notice>
        )}
        {save.isSuccess && <Notice>Limits saved: subscribers have them now.</Notice>}
        <div className="flex gap-2">
          <Button
            variant="secondary"
            onClick={() =>
              setRows((all) => [
                ...all,
                {
                  key: ++rowKey,
                  resourceType: '',
                  included: '',
                  unlimited: false,
                  enforcement: 'hard',
                  overage: '',
                  usageType: 'counter',
                },
              ])
            }
          >
            Add a limit
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save limits'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
