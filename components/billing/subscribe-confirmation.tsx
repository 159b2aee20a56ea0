'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { formatMoney } from '@/server/billing/money';
import type { BillingCycle } from '../pricing/billing-cycle-toggle';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { useToast } from '../ui/toast';
import { cardLabel, perCycle } from './format';
import { CardEntryUnavailable, StripeCardForm } from './stripe-card-form';
import { TestCardPicker } from './test-card-picker';
import type { CardEntry, PaymentMethod, Plan } from './types';
import { errorMessage, useBillingRefresh } from './use-billing-action';

/** The last step of a new subscription: price, promo code and its discount, the card, then subscribe. */
export function SubscribeConfirmation({
  plan,
  cycle,
  initialCards,
  cardEntry,
  back,
}: {
  plan: Plan;
  cycle: BillingCycle;
  initialCards: PaymentMethod[];
  cardEntry: CardEntry;
  back: ReactNode;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const refresh = useBillingRefresh();
  const cards = useQuery(trpc.paymentMethods.list.queryOptions(undefined, { initialData: initialCards }));
  const defaultCard = cards.data.find((card) => card.isDefault) ?? cards.data[0] ?? null;
  const [testCard, setTestCard] = useState('pm_card_visa');
  const [codeInput, setCodeInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const promo = useQuery(
    trpc.promoCodes.validate.queryOptions(
      { code: code ?? '', planId: plan.id, billingCycle: cycle },
      { enabled: code !== null, retry: false, staleTime: 0 },
    ),
  );
  const create = useMutation(
    trpc.subscriptions.create.mutationOptions({
      onSuccess: async (sub) => {
        toast.success(`You are subscribed to ${sub.plan.displayName}.`);
        await refresh();
        router.push('/billing');
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const price = (cycle === 'monthly' ? plan.priceMonthly : plan.priceYearly) ?? 0;
  const applied = code !== null && promo.data?.valid ? promo.data : null;
  const dueToday = applied ? applied.discountedPrice : price;
  const needsTestCard = !defaultCard && cardEntry.mode === 'simulator';
  const canSubscribe = Boolean(defaultCard) || needsTestCard;

  const applyCode = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = codeInput.trim();
    setCode(trimmed ? trimmed.toUpperCase() : null);
  };
  const subscribe = () =>
    create.mutate({
      planId: plan.id,
      billingCycle: cycle,
      ...(needsTestCard ? { paymentMethodId: testCard } : {}),
      ...(applied ? { promoCode: applied.code } : {}),
    });

  return (
    <Card title={`Subscribe to ${plan.displayName}`} actions={back}>
      <div className="space-y-6" data-testid="subscribe-confirmation">
        <dl className="space-y-1 text-sm">
          <div className="flex justify-between">
            <dt>
              {plan.displayName}, billed {cycle}
            </dt>
            <dd>
              {formatMoney(price, plan.currency)} / {perCycle(cycle)}
            </dd>
          </div>
          {applied && (
            <div className="flex justify-between text-emerald-700">
              <dt>Promo code {applied.code}</dt>
              <dd>−{formatMoney(applied.discount, applied.currency)}</dd>
            </div>
          )}
          <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-semibold">
            <dt>Due today</dt>
            <dd data-testid="due-today">{formatMoney(dueToday, plan.currency)}</dd>
          </div>
          {plan.trialDays > 0 && (
            <p className="text-xs text-emerald-700">
              Starts with a {plan.trialDays}-day free trial: the first charge comes when it ends.
            </p>
          )}
        </dl>

        <form onSubmit={applyCode} className="space-y-2" aria-label="Promo code">
          <label htmlFor="promo-code" className="block text-sm font-medium">
            Promo code
          </label>
          <div className="flex max-w-sm gap-2">
            <input
              id="promo-code"
              value={codeInput}
              onChange={(e) => setCodeInput(e.target.value)}
              placeholder="e.g. WELCOME20"
              autoComplete="off"
              className="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm uppercase"
            />
            <Button type="submit" variant="secondary" disabled={promo.isFetching || create.isPending}>
              {promo.isFetching ? 'Checking…' : 'Apply'}
            </Button>
          </div>
          {code !== null && !promo.isFetching && (
            <div data-testid="promo-result">
              {promo.isError && <Notice tone="error">{errorMessage(promo.error)}</Notice>}
              {promo.data &&
                (promo.data.valid ? (
                  <Notice>
                    {promo.data.code}: {promo.data.message} You pay{' '}
                    <strong>{formatMoney(promo.data.discountedPrice, promo.data.currency)}</strong> instead of{' '}
                    {formatMoney(promo.data.price, promo.data.currency)}.
                  </Notice>
                ) : (
                  <Notice tone="warning">
                    {promo.data.code} cannot be used: {promo.data.message}
                  </Notice>
                ))}
            </div>
          )}
        </form>

        <section className="space-y-2" aria-label="Payment">
          <h3 className="text-sm font-medium">Payment</h3>
          {defaultCard ? (
            <p className="text-sm">
              Charged to <strong>{cardLabel(defaultCard)}</strong>, your default card.{' '}
              <Link href="/billing/payment-methods" className="text-sky-700 underline">
                Manage cards
              </Link>
            </p>
          ) : cardEntry.mode === 'simulator' ? (
            <TestCardPicker value={testCard} onChange={setTestCard} disabled={create.isPending} />
          ) : cardEntry.mode === 'stripe' ? (
            <StripeCardForm publishableKey={cardEntry.publishableKey} onAdded={refresh} />
          ) : (
            <CardEntryUnavailable />
          )}
        </section>

        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          <Button onClick={subscribe} disabled={!canSubscribe || create.isPending || promo.isFetching}>
            {create.isPending ? 'Subscribing…' : `Subscribe for ${formatMoney(dueToday, plan.currency)}`}
          </Button>
          <p className="text-xs text-slate-500">
            Renews every {perCycle(cycle)} at {formatMoney(price, plan.currency)} until you cancel.
          </p>
        </div>
      </div>
    </Card>
  );
}
