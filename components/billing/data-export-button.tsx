'use client';

import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';

/** Downloads everything the service holds about the organization's billing, as one JSON file. */
export function DataExportButton() {
  const trpc = useTRPC();
  const exportData = useMutation(
    trpc.privacy.exportData.mutationOptions({
      onSuccess: (data) => {
        const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = `billing-export-${data.organizationId}-${data.exportedAt.slice(0, 10)}.json`;
        link.click();
        URL.revokeObjectURL(link.href);
      },
    }),
  );
  return (
    <Card title="Export your data">
      <p className="mb-3 text-sm text-slate-600">
        A JSON file with the billing contact, subscriptions, invoices, payment methods (brand and last four digits
        only), usage totals and API keys (without secrets). Each export is recorded in the audit log.
      </p>
      {exportData.error && <Notice tone="error">{exportData.error.message}</Notice>}
      <Button variant="secondary" onClick={() => exportData.mutate()} disabled={exportData.isPending}>
        {exportData.isPending ? 'Preparing…' : 'Download billing data (JSON)'}
      </Button>
    </Card>
  );
}
