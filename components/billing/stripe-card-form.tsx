'use client';

import { useMutation } from '@tanstack/react-query';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Notice } from '../ui/card';
import type { PaymentMethod } from './types';
import { errorMessage } from './use-billing-action';

type Phase = 'loading' | 'ready' | 'failed';

/**
 * Card entry with Stripe Elements (Stripe mode only): a SetupIntent from our API, Stripe.js loaded from
 * js.stripe.com on demand (never in the simulator), the card confirmed in the browser so its number
 * never reaches us, then attached to the organization.
 */
export function StripeCardForm({
  publishableKey,
  onAdded,
}: {
  publishableKey: string;
  onAdded: (card: PaymentMethod) => void | Promise<void>;
}) {
  const trpc = useTRPC();
  const mountPoint = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const [phase, setPhase] = useState<Phase>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { mutateAsync: createSetupIntent } = useMutation(trpc.paymentMethods.createSetupIntent.mutationOptions());
  const attach = useMutation(trpc.paymentMethods.attach.mutationOptions());

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const intent = await createSetupIntent(undefined);
        if (!intent.clientSecret) throw new Error('Stripe did not return a client secret for the card form.');
        const { loadStripe } = await import('@stripe/stripe-js/pure');
        const stripe = await loadStripe(publishableKey);
        if (!stripe) throw new Error('Stripe.js could not be loaded.');
        if (cancelled || !mountPoint.current) return;
        const elements = stripe.elements({ clientSecret: intent.clientSecret });
        elements.create('payment').mount(mountPoint.current);
        stripeRef.current = { stripe, elements };
        setPhase('ready');
      } catch (error) {
        if (cancelled) return;
        setProblem(errorMessage(error));
        setPhase('failed');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [createSetupIntent, publishableKey]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stripeRef.current) return;
    setConfirming(true);
    setProblem(null);
    try {
      const { stripe, elements } = stripeRef.current;
      const result = await stripe.confirmSetup({
        elements,
        redirect: 'if_required',
        confirmParams: { return_url: window.location.href },
      });
      if (result.error) throw new Error(result.error.message ?? 'The card was not accepted.');
      const pm = result.setupIntent.payment_method;
      const paymentMethodId = typeof pm === 'string' ? pm : pm?.id;
      if (!paymentMethodId) throw new Error('Stripe did not return the card.');
      await onAdded(await attach.mutateAsync({ paymentMethodId }));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Add a card">
      {phase === 'loading' && <p className="text-sm text-slate-500">Loading the secure card form…</p>}
      <div ref={mountPoint} />
      {problem && <Notice tone="error">{problem}</Notice>}
      {phase !== 'failed' && (
        <Button type="submit" disabled={phase !== 'ready' || confirming}>
          {confirming ? 'Saving card…' : 'Save card'}
        </Button>
      )}
    </form>
  );
}

/** Shown when payments are real but no publishable key is configured. */
export function CardEntryUnavailable() {
  return (
    <Notice tone="warning">
      Card entry needs Stripe.js, which needs a publishable key: set <code>STRIPE_PUBLISHABLE_KEY</code> on the server.
      Cards already on file keep working.
    </Notice>
  );
}
