'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { CardEntryUnavailable, StripeCardForm } from './stripe-card-form';
import { TestCardPicker } from './test-card-picker';
import { cardLabel } from './format';
import type { CardEntry, PaymentMethod } from './types';
import { useToast } from '../ui/toast';
import { errorMessage } from './use-billing-action';

/** Adds a card the way this mode allows: a test-card picker (simulator), Stripe Elements, or a notice. */
export function AddCard({
  cardEntry,
  onAdded,
}: {
  cardEntry: CardEntry;
  onAdded: (card: PaymentMethod) => void | Promise<void>;
}) {
  const toast = useToast();
  const added = async (card: PaymentMethod) => {
    toast.success(`${cardLabel(card)} added${card.isDefault ? ' as your default card' : ''}.`);
    await onAdded(card);
  };
  if (cardEntry.mode === 'simulator') return <AddTestCard onAdded={added} />;
  if (cardEntry.mode === 'stripe') return <StripeCardForm publishableKey={cardEntry.publishableKey} onAdded={added} />;
  return <CardEntryUnavailable />;
}

function AddTestCard({ onAdded }: { onAdded: (card: PaymentMethod) => Promise<void> }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [choice, setChoice] = useState<string>('pm_card_visa');
  const attach = useMutation(
    trpc.paymentMethods.attach.mutationOptions({
      onSuccess: onAdded,
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    attach.mutate({ paymentMethodId: choice });
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Add a card">
      <TestCardPicker value={choice} onChange={setChoice} disabled={attach.isPending} name="add-test-card" />
      <Button type="submit" disabled={attach.isPending}>
        {attach.isPending ? 'Adding card…' : 'Add card'}
      </Button>
    </form>
  );
}
