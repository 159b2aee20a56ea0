'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { lazyComponent } from '../ui/lazy';
import { useState } from 'react';
import { useTRPC } from '../trpc/client';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';
import { Dialog } from '../ui/dialog';
import { useToast } from '../ui/toast';
import { cardBrand, cardExpired, cardExpiry, cardLabel } from './format';
import type { CardEntry, PaymentMethod } from './types';
import { errorMessage, useBillingRefresh } from './use-billing-action';

// Card entry (test cards, or Stripe Elements) loads with the page but not in its first bundle.
const AddCard = lazyComponent(() => import('./add-card').then((m) => m.AddCard));

/** Cards on file: brand, last digits, expiry, which one pays; add, make default, remove. */
export function PaymentMethodsManager({
  initialCards,
  hasLiveSubscription,
  canManage,
  cardEntry,
  now,
}: {
  initialCards: PaymentMethod[];
  hasLiveSubscription: boolean;
  canManage: boolean;
  cardEntry: CardEntry;
  /** The server's clock at render, so "expired" reads the same on both sides. */
  now: string;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useBillingRefresh();
  const cards = useQuery(trpc.paymentMethods.list.queryOptions(undefined, { initialData: initialCards }));
  const [removing, setRemoving] = useState<PaymentMethod | null>(null);
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const setDefault = useMutation(
    trpc.paymentMethods.setDefault.mutationOptions({
      onSuccess: async (card) => {
        toast.success(`${cardLabel(card)} now pays your invoices.`);
        await refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.paymentMethods.remove.mutationOptions({
      onSuccess: async () => {
        toast.success(`${removing ? cardLabel(removing) : 'The card'} was removed.`);
        setRemoving(null);
        await refresh();
      },
      onError,
    }),
  );
  const busy = setDefault.isPending || remove.isPending;
  const list = cards.data;
  const onlyCardOfLiveSubscription = hasLiveSubscription && list.length === 1;
  const clock = new Date(now);

  return (
    <div className="space-y-6">
      <Card title="Cards on file">
        {cards.isError && <Notice tone="error">{errorMessage(cards.error)}</Notice>}
        {list.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="no-cards">
            No card on file yet.{' '}
            {canManage ? 'Add one below: it pays your invoices.' : 'A billing manager or an admin can add one.'}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Payment methods">
              <thead className="text-xs text-slate-500 uppercase">
                <tr>
                  <th className="py-2 pr-4">Card</th>
                  <th className="py-2 pr-4">Number</th>
                  <th className="py-2 pr-4">Expires</th>
                  <th className="py-2 pr-4">Status</th>
                  {canManage && (
                    <th className="py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((card) => (
                  <tr key={card.id} className="border-t border-slate-100">
                    <td className="py-2 pr-4 font-medium">{cardBrand(card.brand)}</td>
                    <td className="py-2 pr-4 font-mono text-xs">•••• {card.last4 ?? '????'}</td>
                    <td className="py-2 pr-4">
                      {cardExpiry(card.expMonth, card.expYear)}
                      {cardExpired(card.expMonth, card.expYear, clock) && (
                        <span className="ml-2">
                          <Badge tone="danger">Expired</Badge>
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-4">{card.isDefault && <Badge tone="success">Default</Badge>}</td>
                    {canManage && (
                      <td className="py-2 text-right whitespace-nowrap">
                        {!card.isDefault && (
                          <Button
                            variant="secondary"
                            className="mr-2 text-xs"
                            onClick={() => setDefault.mutate({ id: card.id })}
                            disabled={busy}
                            aria-label={`Make ${cardLabel(card)} the default`}
                          >
                            Make default
                          </Button>
                        )}
                        <Button
                          variant="ghost"
                          className="text-xs disabled:opacity-40"
                          onClick={() => setRemoving(card)}
                          disabled={busy || onlyCardOfLiveSubscription}
                          title={
                            onlyCardOfLiveSubscription
                              ? 'The only card of a live subscription: add another card first'
                              : undefined
                          }
                          aria-label={`Remove ${cardLabel(card)}`}
                        >
                          Remove
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {canManage && onlyCardOfLiveSubscription && (
              <p className="mt-2 text-xs text-slate-500">
                This card pays your subscription: add another card before removing it.
              </p>
            )}
          </div>
        )}
      </Card>

      {canManage && (
        <Card title="Add a card">
          <AddCard cardEntry={cardEntry} onAdded={refresh} />
        </Card>
      )}

      {removing && (
        <Dialog
          title={`Remove ${cardLabel(removing)}?`}
          onClose={() => setRemoving(null)}
          busy={remove.isPending}
          actions={
            <>
              <Button variant="secondary" onClick={() => setRemoving(null)} disabled={remove.isPending}>
                Keep card
              </Button>
              <Button variant="danger" onClick={() => remove.mutate({ id: removing.id })} disabled={remove.isPending}>
                {remove.isPending ? 'Removing…' : 'Remove card'}
              </Button>
            </>
          }
        >
          <p>
            The card is detached from your account.
            {removing.isDefault && list.length > 1 && ' Another card on file becomes the default.'}
          </p>
        </Dialog>
      )}
    </div>
  );
}
