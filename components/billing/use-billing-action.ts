'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';

/** A tRPC error's message, with zod's field errors (`data.fieldErrors`) when the input was refused. */
export function errorMessage(error: unknown): string {
  const fieldErrors = (error as { data?: { fieldErrors?: Record<string, string[]> } } | null)?.data?.fieldErrors;
  const message = error instanceof Error ? error.message : 'Something went wrong. Try again.';
  if (!fieldErrors || Object.keys(fieldErrors).length === 0) return message;
  const details = Object.entries(fieldErrors)
    .map(([field, problems]) => `${field}: ${problems.join(', ')}`)
    .join('; ');
  return message.includes(details) ? message : `${message} (${details})`;
}

/**
 * After a change to the subscription, cards or invoices: refetch what is on screen, forget what is not
 * (so the next page starts from its fresh server render) and re-render this page's server components.
 */
export function useBillingRefresh() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(async () => {
    queryClient.removeQueries({ type: 'inactive' });
    await queryClient.invalidateQueries({ type: 'active' });
    router.refresh();
  }, [queryClient, router]);
}
