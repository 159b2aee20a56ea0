'use client';

import { useMutation } from '@tanstack/react-query';
import { formatMoney } from '@/server/billing/money';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { useToast } from '../ui/toast';
import { errorMessage, useBillingRefresh } from './use-billing-action';

/** Charges an open invoice to the default card now. */
export function PayInvoiceButton({ invoiceId }: { invoiceId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useBillingRefresh();
  const pay = useMutation(
    trpc.invoices.pay.mutationOptions({
      onSuccess: async (paid) => {
        toast.success(`Invoice ${paid.number ?? ''} paid: ${formatMoney(paid.amountPaid, paid.currency)}.`);
        await refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Button variant="danger" onClick={() => pay.mutate({ id: invoiceId })} disabled={pay.isPending}>
      {pay.isPending ? 'Paying…' : 'Pay now'}
    </Button>
  );
}
