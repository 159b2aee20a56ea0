'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { SLUG_PATTERN } from '@/server/billing/catalog/catalog.rules';
import type { AdminPlanOutput } from '@/server/routers/admin/plans.schemas';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { majorText, parsePrice } from './amounts';
import { Field, fieldErrorsOf, firstError, inputClass, invalid } from './form-bits';

type Cycle = 'monthly' | 'yearly';
interface PriceRow {
  key: number;
  currency: string;
  billingCycle: Cycle;
  amount: string;
}

let rowKey = 0;
const row = (currency: string, billingCycle: Cycle, amount = ''): PriceRow => ({
  key: ++rowKey,
  currency,
  billingCycle,
  amount,
});
const cycleLabel = (c: Cycle) => (c === 'monthly' ? 'Monthly' : 'Yearly');

/** Plan details and the prices it sells; creates a plan, or edits one (a new amount is a new Stripe price). */
export function PlanForm({ plan }: { plan?: AdminPlanOutput }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState(plan?.name ?? '');
  const [displayName, setDisplayName] = useState(plan?.displayName ?? '');
  const [description, setDescription] = useState(plan?.description ?? '');
  const [currency, setCurrency] = useState(plan?.currency ?? 'usd');
  const [trialDays, setTrialDays] = useState(String(plan?.trialDays ?? 0));
  const [isPublic, setIsPublic] = useState(plan?.isPublic ?? true);
  const [prices, setPrices] = useState<PriceRow[]>(
    plan
      ? plan.prices.map((p) => row(p.currency, p.billingCycle, majorText(p.unitAmount, p.currency)))
      : [row('usd', 'monthly'), row('usd', 'yearly')],
  );
  const [checks, setChecks] = useState<Record<string, string | undefined>>({});
  const onSaved = (saved: AdminPlanOutput) => {
    queryClient.setQueryData(trpc.admin.plans.get.queryKey({ id: saved.id }), saved);
    void queryClient.invalidateQueries({ queryKey: trpc.admin.plans.list.queryKey() });
  };
  const create = useMutation(
    trpc.admin.plans.create.mutationOptions({ onSuccess: (p) => router.push(`/admin/plans/${p.id}`) }),
  );
  const update = useMutation(trpc.admin.plans.update.mutationOptions({ onSuccess: onSaved }));
  const mutation = plan ? update : create;
  const server = fieldErrorsOf(mutation.error);
  const error = (key: string) => firstError(checks, server, key);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!SLUG_PATTERN.test(name.trim())) found.name = 'lowercase letters, digits, - and _';
    if (!displayName.trim()) found.displayName = 'give the plan a name';
    if (!/^[a-z]{3}$/i.test(currency.trim())) found.currency = 'a three-letter currency code';
    if (!/^\d+$/.test(trialDays.trim())) found.trialDays = 'a whole number of days';
    const parsed = prices.map((p, i) => {
      const result = parsePrice(p.amount, p.currency);
      if (result.error) found[`prices.${i}.unitAmount`] = result.error;
      return { currency: p.currency.trim().toLowerCase(), billingCycle: p.billingCycle, unitAmount: result.value ?? 0 };
    });
    if (!parsed.some((p) => p.currency === currency.trim().toLowerCase())) {
      found.prices = 'add a price in the default currency';
    }
    setChecks(found);
    if (Object.keys(found).length > 0) return;
    const details = {
      name: name.trim(),
      displayName: displayName.trim(),
      description: description.trim() || null,
      currency: currency.trim().toLowerCase(),
      trialDays: Number(trialDays),
      isPublic,
      prices: parsed,
    };
    if (plan) update.mutate({ id: plan.id, ...details });
    else create.mutate(details);
  };
  const setPrice = (key: number, change: Partial<PriceRow>) =>
    setPrices((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  return (
    <Card title={plan ? 'Details and prices' : 'New plan'}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="plan-name" label="Name (slug)" error={error('name')} hint="Used in URLs and Stripe lookup keys">
            <input
              id="plan-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className={inputClass}
              {...invalid('plan-name', error('name'))}
            />
          </Field>
          <Field id="plan-display-name" label="Display name" error={error('displayName')}>
            <input
              id="plan-display-name"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              className={inputClass}
              {...invalid('plan-display-name', error('displayName'))}
            />
          </Field>
          <Field id="plan-description" label="Description" error={error('description')} className="md:col-span-2">
            <textarea
              id="plan-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              rows={2}
              className={inputClass}
            />
          </Field>
          <Field id="plan-currency" label="Default currency" error={error('currency')} hint="Shown on the pricing page">
            <input
              id="plan-currency"
              value={currency}
              onChange={(e) => setCurrency(e.target.value)}
              maxLength={3}
              className={inputClass}
              {...invalid('plan-currency', error('currency'))}
            />
          </Field>
          <Field id="plan-trial-days" label="Trial days" error={error('trialDays')}>
            <input
              id="plan-trial-days"
              inputMode="numeric"
              value={trialDays}
              onChange={(e) => setTrialDays(e.target.value)}
              className={inputClass}
              {...invalid('plan-trial-days', error('trialDays'))}
            />
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
          Public (shown on the pricing page; private plans are only for subscribers already on them)
        </label>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Prices</legend>
          {plan && (
            <p className="text-xs text-slate-500">
              A new amount creates a new Stripe price and archives the old one; subscribers keep the price they bought
              until you move them.
            </p>
          )}
          {prices.map((p, i) => {
            const amountId = `price-${p.key}-amount`;
            const amountError = error(`prices.${i}.unitAmount`);
            return (
              <div key={p.key} className="flex flex-wrap items-start gap-2">
                <select
                  aria-label={`Billing cycle of price ${i + 1}`}
                  value={p.billingCycle}
                  onChange={(e) => setPrice(p.key, { billingCycle: e.target.value as Cycle })}
                  className="rounded-lg border border-slate-300 px-2 py-2 text-sm"
                >
                  <option value="monthly">Monthly</option>
                  <option value="yearly">Yearly</option>
                </select>
                <input
                  aria-label={`Currency of price ${i + 1}`}
                  value={p.currency}
                  maxLength={3}
                  onChange={(e) => setPrice(p.key, { currency: e.target.value.toLowerCase() })}
                  className="w-20 rounded-lg border border-slate-300 px-2 py-2 text-sm"
                />
                <div>
                  <input
                    id={amountId}
                    aria-label={`${cycleLabel(p.billingCycle)} price in ${p.currency.toUpperCase()}`}
                    inputMode="decimal"
                    placeholder="29.00"
                    value={p.amount}
                    onChange={(e) => setPrice(p.key, { amount: e.target.value })}
                    className="w-32 rounded-lg border border-slate-300 px-2 py-2 text-sm aria-[invalid=true]:border-red-500"
                    {...invalid(amountId, amountError)}
                  />
                  {amountError && (
                    <p id={`${amountId}-error`} className="mt-1 text-xs text-red-600">
                      {amountError}
                    </p>
                  )}
                </div>
                <Button
                  variant="ghost"
                  className="text-xs"
                  onClick={() => setPrices((rows) => rows.filter((r) => r.key !== p.key))}
                  disabled={prices.length === 1}
                >
                  Remove<span className="sr-only"> price {i + 1}</span>
                </Button>
              </div>
            );
          })}
          {error('prices') && <p className="text-xs text-red-600">{error('prices')}</p>}
          <Button
            variant="secondary"
            className="text-xs"
            onClick={() => setPrices((rows) => [...rows, row(currency, 'monthly')])}
          >
            Add a price
          </Button>
        </fieldset>

        {mutation.error && Object.keys(server).length === 0 && <Notice tone="error">{mutation.error.message}</Notice>}
        {update.data && !update.isPending && !update.error && (
          <Notice>{update.data.inStripe ? 'Saved, and in step with Stripe.' : 'Saved, but not yet in Stripe.'}</Notice>
        )}
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : plan ? 'Save changes' : 'Create plan'}
        </Button>
      </form>
    </Card>
  );
}
