'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';
import { useTRPC } from '../trpc/client';
import { Button } from '../ui/button';
import { Card, Notice } from '../ui/card';

type Contact = inferRouterOutputs<AppRouter>['billingContact']['get'];

const FIELDS = [
  { name: 'name', label: 'Company or person' },
  { name: 'email', label: 'Billing email' },
  { name: 'taxId', label: 'Tax id' },
  { name: 'line1', label: 'Address' },
  { name: 'line2', label: 'Address, line 2' },
  { name: 'city', label: 'City' },
  { name: 'postalCode', label: 'Postal code' },
  { name: 'state', label: 'State or region' },
  { name: 'country', label: 'Country (two letters)' },
] as const;
type FieldName = (typeof FIELDS)[number]['name'];

const flatten = (c: Contact): Record<FieldName, string> => ({
  name: c.name ?? '',
  email: c.email ?? '',
  taxId: c.taxId ?? '',
  line1: c.address?.line1 ?? '',
  line2: c.address?.line2 ?? '',
  city: c.address?.city ?? '',
  postalCode: c.address?.postalCode ?? '',
  state: c.address?.state ?? '',
  country: c.address?.country ?? '',
});

/** The billing contact printed on invoices; stored encrypted, editable by billing people and admins. */
export function BillingContactForm({ initial }: { initial: Contact }) {
  const trpc = useTRPC();
  const [values, setValues] = useState(() => flatten(initial));
  const save = useMutation(trpc.billingContact.update.mutationOptions());
  const fieldErrors = (save.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
  const orNull = (v: string) => v.trim() || null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const hasAddress = values.line1 || values.city || values.postalCode || values.country;
    save.mutate({
      name: orNull(values.name),
      email: orNull(values.email),
      taxId: orNull(values.taxId),
      address: hasAddress
        ? {
            line1: values.line1,
            line2: orNull(values.line2),
            city: values.city,
            postalCode: values.postalCode,
            state: orNull(values.state),
            country: values.country,
          }
        : null,
    });
  };
  const errorFor = (name: FieldName) => fieldErrors?.[name] ?? fieldErrors?.[`address.${name}`];

  return (
    <Card title="Billing contact">
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" noValidate>
        {FIELDS.map((field) => (
          <div key={field.name}>
            <label htmlFor={`contact-${field.name}`} className="block text-sm font-medium">
              {field.label}
            </label>
            <input
              id={`contact-${field.name}`}
              value={values[field.name]}
              onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
              aria-invalid={Boolean(errorFor(field.name))}
              className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
            />
            {errorFor(field.name) && <p className="mt-1 text-xs text-red-600">{errorFor(field.name)!.join(', ')}</p>}
          </div>
        ))}
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save contact'}
          </Button>
          {save.isSuccess && <span className="text-sm text-emerald-700">Saved.</span>}
        </div>
        {save.error && !fieldErrors && (
          <div className="sm:col-span-2">
            <Notice tone="error">{save.error.message}</Notice>
          </div>
        )}
      </form>
    </Card>
  );
}
