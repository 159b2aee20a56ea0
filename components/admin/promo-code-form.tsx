'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { PromoCodeOutput } from '@/server/routers/admin/promo-codes.schemas';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { parsePrice } from './amounts';
import { Field, fieldErrorsOf, firstError, inputClass, invalid } from './form-bits';
import { discountLabel, durationLabel, fromLocalInput, toLocalInput } from './promo-labels';

type Duration = 'once' | 'repeating' | 'forever';

/**
 * Creates a promo code, or edits who may redeem one and when. The discount itself is fixed once
 * created, as a Stripe coupon is: for other terms, create another code.
 */
export function PromoCodeForm({
  promo,
  plans,
}: {
  promo?: PromoCodeOutput;
  plans: Array<{ id: string; displayName: string }>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(promo?.code ?? '');
  const [description, setDescription] = useState(promo?.description ?? '');
  const [discountType, setDiscountType] = useState<'percent' | 'amount'>(promo?.discountType ?? 'percent');
  const [percentOff, setPercentOff] = useState('');
  const [amountOff, setAmountOff] = useState('');
  const [currency, setCurrency] = useState('usd');
  const [duration, setDuration] = useState<Duration>(promo?.duration ?? 'once');
  const [months, setMonths] = useState('3');
  const [maxRedemptions, setMaxRedemptions] = useState(promo?.maxRedemptions?.toString() ?? '');
  const [oncePerOrganization, setOncePerOrganization] = useState(promo?.oncePerOrganization ?? true);
  const [firstTimeOnly, setFirstTimeOnly] = useState(promo?.firstTimeOnly ?? false);
  const [planIds, setPlanIds] = useState<string[]>(promo?.planIds ?? []);
  const [billingCycle, setBillingCycle] = useState<'' | 'monthly' | 'yearly'>(promo?.billingCycle ?? '');
  const [validFrom, setValidFrom] = useState(toLocalInput(promo?.validFrom ?? null));
  const [validUntil, setValidUntil] = useState(toLocalInput(promo?.validUntil ?? null));
  const [isActive, setIsActive] = useState(promo?.isActive ?? true);
  const [checks, setChecks] = useState<Record<string, string | undefined>>({});
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.admin.promoCodes.list.queryKey() });
    router.push('/admin/promo-codes');
  };
  const create = useMutation(trpc.admin.promoCodes.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.admin.promoCodes.update.mutationOptions({ onSuccess: done }));
  const mutation = promo ? update : create;
  const server = fieldErrorsOf(mutation.error);
  const error = (key: string) => firstError(checks, server, key);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const restrictions = {
      description: description.trim() || null,
      maxRedemptions: maxRedemptions.trim() ? Number(maxRedemptions) : null,
      oncePerOrganization,
      firstTimeOnly,
      planIds,
      billingCycle: billingCycle || null,
      validFrom: fromLocalInput(validFrom),
      validUntil: fromLocalInput(validUntil),
      isActive,
    };
    if (maxRedemptions.trim() && !/^[1-9]\d*$/.test(maxRedemptions.trim()))
      found.maxRedemptions = 'a whole number, at least 1';
    if (restrictions.validFrom && restrictions.validUntil && restrictions.validFrom >= restrictions.validUntil) {
      found.validUntil = 'must be after valid from';
    }
    if (promo) {
      setChecks(found);
      if (Object.keys(found).length === 0) update.mutate({ id: promo.id, ...restrictions });
      return;
    }
    if (!/^[A-Za-z0-9-]{3,40}$/.test(code.trim())) found.code = '3 to 40 letters, digits or -';
    const percent = Number(percentOff);
    if (discountType === 'percent' && !(percent > 0 && percent <= 100)) found.percentOff = 'between 0 and 100';
    const amount = discountType === 'amount' ? parsePrice(amountOff, currency) : null;
    if (amount?.error) found.amountOff = amount.error;
    if (duration === 'repeating' && !/^\d+$/.test(months)) found.durationInMonths = 'a whole number of months';
    setChecks(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({
      code: code.trim(),
      discountType,
      ...(discountType === 'percent' ? { percentOff: percent } : { amountOff: amount!.value, currency }),
      duration,
      ...(duration === 'repeating' ? { durationInMonths: Number(months) } : {}),
      ...restrictions,
    });
  };

  return (
    <Card title={promo ? `Edit ${promo.code}` : 'New promo code'}>
      <form onSubmit={submit} noValidate className="space-y-4">
        {promo ? (
          <p className="text-sm">
            <span className="font-medium">{discountLabel(promo)}</span>, {durationLabel(promo)}. Redeemed{' '}
            {promo.timesRedeemed} time{promo.timesRedeemed === 1 ? '' : 's'}. The discount is fixed once created.
          </p>
        ) : (
          <div className="grid gap-4 md:grid-cols-3">
            <Field id="promo-code" label="Code" error={error('code')} hint="Customers type it in any case">
              <input
                id="promo-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                className={`${inputClass} font-mono uppercase`}
                {...invalid('promo-code', error('code'))}
              />
            </Field>
            <Field id="promo-discount-type" label="Discount">
              <select
                id="promo-discount-type"
                value={discountType}
                onChange={(e) => setDiscountType(e.target.value as 'percent' | 'amount')}
                className={inputClass}
              >
                <option value="percent">Percent off</option>
                <option value="amount">Fixed amount off</option>
              </select>
            </Field>
            {discountType === 'percent' ? (
              <Field id="promo-percent" label="Percent off" error={error('percentOff')}>
                <input
                  id="promo-percent"
                  inputMode="decimal"
                  value={percentOff}
                  onChange={(e) => setPercentOff(e.target.value)}
                  className={inputClass}
                  {...invalid('promo-percent', error('percentOff'))}
                />
              </Field>
            ) : (
              <div className="flex gap-2">
                <Field id="promo-amount" label="Amount off" error={error('amountOff')} className="flex-1">
                  <input
                    id="promo-amount"
                    inputMode="decimal"
                    placeholder="10.00"
                    value={amountOff}
                    onChange={(e) => setAmountOff(e.target.value)}
                    className={inputClass}
                    {...invalid('promo-amount', error('amountOff'))}
                  />
                </Field>
                <Field id="promo-currency" label="Currency" error={error('currency')} className="w-24">
                  <input
                    id="promo-currency"
                    maxLength={3}
                    value={currency}
                    onChange={(e) => setCurrency(e.target.value.toLowerCase())}
                    className={inputClass}
                  />
                </Field>
              </div>
            )}
            <Field id="promo-duration" label="Applies">
              <select
                id="promo-duration"
                value={duration}
                onChange={(e) => setDuration(e.target.value as Duration)}
                className={inputClass}
              >
                <option value="once">Once (the first invoice)</option>
                <option value="repeating">For a number of months</option>
                <option value="forever">Forever</option>
              </select>
            </Field>
            {duration === 'repeating' && (
              <Field id="promo-months" label="Months" error={error('durationInMonths')}>
                <input
                  id="promo-months"
                  inputMode="numeric"
                  value={months}
                  onChange={(e) => setMonths(e.target.value)}
                  className={inputClass}
                  {...invalid('promo-months', error('durationInMonths'))}
                />
              </Field>
            )}
          </div>
        )}
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="promo-description" label="Description" error={error('description')} className="md:col-span-3">
            <input
              id="promo-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              className={inputClass}
            />
          </Field>
          <Field id="promo-max" label="Redemption cap" error={error('maxRedemptions')} hint="Blank: no cap">
            <input
              id="promo-max"
              inputMode="numeric"
              value={maxRedemptions}
              onChange={(e) => setMaxRedemptions(e.target.value)}
              className={inputClass}
              {...invalid('promo-max', error('maxRedemptions'))}
            />
          </Field>
          <Field id="promo-valid-from" label="Valid from" error={error('validFrom')}>
            <input
              id="promo-valid-from"
              type="datetime-local"
              value={validFrom}
              onChange={(e) => setValidFrom(e.target.value)}
              className={inputClass}
            />
          </Field>
          <Field id="promo-valid-until" label="Valid until" error={error('validUntil')}>
            <input
              id="promo-valid-until"
              type="datetime-local"
              value={validUntil}
              onChange={(e) => setValidUntil(e.target.value)}
              className={inputClass}
              {...invalid('promo-valid-until', error('validUntil'))}
            />
          </Field>
          <Field id="promo-cycle" label="Billing cycle">
            <select
              id="promo-cycle"
              value={billingCycle}
              onChange={(e) => setBillingCycle(e.target.value as typeof billingCycle)}
              className={inputClass}
            >
              <option value="">Monthly or yearly</option>
              <option value="monthly">Monthly only</option>
              <option value="yearly">Yearly only</option>
            </select>
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Plans (none ticked: every plan)</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {plans.map((p) => (
              <label key={p.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={planIds.includes(p.id)}
                  onChange={(e) =>
                    setPlanIds((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((id) => id !== p.id)))
                  }
                />
                {p.displayName}
              </label>
            ))}
          </div>
          {error('planIds') && <p className="mt-1 text-xs text-red-600">{error('planIds')}</p>}
        </fieldset>
        <div className="flex flex-wrap gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={oncePerOrganization}
              onChange={(e) => setOncePerOrganization(e.target.checked)}
            />
            Once per organization
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={firstTimeOnly} onChange={(e) => setFirstTimeOnly(e.target.checked)} />
            First purchase only
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
            Active
          </label>
        </div>
        {mutation.error && <Notice tone="error">{mutation.error.message}</Notice>}
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : promo ? 'Save changes' : 'Create promo code'}
        </Button>
      </form>
    </Card>
  );
}
