import { z } from 'zod';
import { defineRoute } from '../route';
import { OrganizationQuery } from './invoices.schemas';
import {
  AttachPaymentMethodBody,
  OrganizationBody,
  PaymentMethod,
  PaymentMethodPath,
  RemovedPaymentMethod,
  toRestPaymentMethod,
} from './payment-methods.schemas';

const tag = 'Payment methods';

export const paymentMethodRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/payment-methods',
    operationId: 'listPaymentMethods',
    tag,
    summary: 'Cards on file, the default first',
    access: 'member',
    bucket: 'read',
    status: 200,
    query: OrganizationQuery,
    response: z.array(PaymentMethod),
    errors: [],
    handle: async ({ query }, { api }) =>
      (await api.paymentMethods.list({ organizationId: query.organization_id })).map(toRestPaymentMethod),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/payment-methods',
    operationId: 'attachPaymentMethod',
    tag,
    summary: 'Attach a card; the first one becomes the default',
    access: 'billing',
    bucket: 'write',
    status: 201,
    body: AttachPaymentMethodBody,
    response: PaymentMethod,
    errors: ['PAYMENT_FAILED', 'STRIPE_ERROR'],
    handle: async ({ body }, { api }) =>
      toRestPaymentMethod(
        await api.paymentMethods.attach({
          organizationId: body.organization_id,
          paymentMethodId: body.payment_method_id,
        }),
      ),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/payment-methods/{id}',
    operationId: 'removePaymentMethod',
    tag,
    summary: 'Remove a card (not the only card of a live subscription: 409)',
    access: 'billing',
    bucket: 'write',
    status: 200,
    params: PaymentMethodPath,
    query: OrganizationQuery,
    response: RemovedPaymentMethod,
    errors: ['CONFLICT', 'STRIPE_ERROR'],
    handle: async ({ params, query }, { api }) => {
      await api.paymentMethods.remove({ organizationId: query.organization_id, id: params.id });
      return { id: params.id, removed: true as const };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/payment-methods/{id}/default',
    operationId: 'setDefaultPaymentMethod',
    tag,
    summary: 'Make a card the one that pays',
    access: 'billing',
    bucket: 'write',
    status: 200,
    params: PaymentMethodPath,
    body: OrganizationBody,
    response: PaymentMethod,
    errors: ['STRIPE_ERROR'],
    handle: async ({ params, body }, { api }) =>
      toRestPaymentMethod(await api.paymentMethods.setDefault({ organizationId: body.organization_id, id: params.id })),
  }),
];
