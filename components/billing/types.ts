import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';

type Outputs = inferRouterOutputs<AppRouter>;

export type Subscription = NonNullable<Outputs['subscriptions']['current']>;
export type ChangePreview = Outputs['subscriptions']['previewChange'];
export type PaymentMethod = Outputs['paymentMethods']['list'][number];
export type InvoicePage = Outputs['invoices']['list'];
export type Invoice = InvoicePage['items'][number];
export type InvoiceDetail = Outputs['invoices']['get'];
export type UpcomingInvoice = NonNullable<Outputs['invoices']['upcoming']>;
export type Plan = Outputs['plans']['list'][number];
export type PromoCheck = Outputs['promoCodes']['validate'];
export type UsageSummary = Outputs['usage']['summary'];
export type Entitlements = Outputs['entitlements']['list'];
/** How cards are entered: Stripe's test cards (simulator), Stripe Elements (with a publishable key), or neither. */
export type CardEntry = { mode: 'simulator' } | { mode: 'stripe'; publishableKey: string } | { mode: 'unavailable' };
