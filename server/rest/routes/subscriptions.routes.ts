import { getPlanById } from '../../billing/plans.service';
import { NotFoundError } from '../../errors';
import { defineRoute, type RouteCall } from '../route';
import { toPlanDetails } from './plans.schemas';
import {
  CancelQuery,
  CreateSubscriptionBody,
  OrganizationPath,
  Subscription,
  SubscriptionDetails,
  SubscriptionPath,
  toRestSubscription,
  UpdateSubscriptionBody,
} from './subscriptions.schemas';

const tag = 'Subscriptions';

/**
 * PUT and DELETE name a subscription, while the procedures act on the organization's current one: the id
 * must be that one, or it reads as not found (as another organization's would).
 */
async function currentNamed(rest: RouteCall['rest'], id: string) {
  const current = await rest.subscriptionToChange();
  if (!current || current.id !== id) throw new NotFoundError('Subscription');
  return current;
}

export const subscriptionRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/subscriptions/{id}',
    operationId: 'getSubscription',
    tag,
    summary: "An organization's subscription with its plan, features and limits",
    description:
      '`id` is the **organization** id (the seed named it `:organizationId`). 404 when the organization has no ' +
      'subscription, and for any organization but the caller’s own.',
    access: 'member',
    apiKeyScope: 'subscriptions:read',
    bucket: 'read',
    status: 200,
    params: OrganizationPath,
    response: SubscriptionDetails,
    errors: [],
    handle: async ({ params }, { api, ctx }) => {
      const subscription = await api.subscriptions.current({ organizationId: params.id });
      if (!subscription) throw new NotFoundError('Subscription');
      // Subscribers of an archived or private plan still read it, so not the public-only lookup.
      return {
        subscription: toRestSubscription(subscription),
        ...toPlanDetails(await getPlanById(ctx.db, subscription.planId)),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/subscriptions',
    operationId: 'createSubscription',
    tag,
    summary: 'Subscribe the organization to a plan',
    description: 'With `payment_method_id` the card is attached first and pays the first invoice.',
    access: 'billing',
    bucket: 'write',
    status: 201,
    body: CreateSubscriptionBody,
    response: Subscription,
    errors: ['CONFLICT', 'PAYMENT_FAILED', 'STRIPE_ERROR'],
    handle: async ({ body }, { api }) =>
      toRestSubscription(
        await api.subscriptions.create({
          organizationId: body.organization_id,
          planId: body.plan_id,
          billingCycle: body.billing_cycle,
          paymentMethodId: body.payment_method_id,
          promoCode: body.promo_code,
        }),
      ),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/subscriptions/{id}',
    operationId: 'updateSubscription',
    tag,
    summary: 'Change plan or billing cycle',
    description: 'Upgrades apply now, prorated; downgrades at the end of the period. A field left out stays.',
    access: 'billing',
    bucket: 'write',
    status: 200,
    params: SubscriptionPath,
    body: UpdateSubscriptionBody,
    response: Subscription,
    errors: ['CONFLICT', 'PAYMENT_FAILED', 'STRIPE_ERROR'],
    handle: async ({ params, body }, { api, rest }) => {
      const current = await currentNamed(rest, params.id);
      return toRestSubscription(
        await api.subscriptions.changePlan({
          planId: body.plan_id ?? current.planId,
          billingCycle: body.billing_cycle ?? current.billingCycle,
        }),
      );
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/subscriptions/{id}',
    operationId: 'cancelSubscription',
    tag,
    summary: 'Cancel at the end of the period, or now with ?immediate=true',
    access: 'billing',
    bucket: 'write',
    status: 200,
    params: SubscriptionPath,
    query: CancelQuery,
    response: Subscription,
    errors: ['CONFLICT', 'STRIPE_ERROR'],
    handle: async ({ params, query }, { api, rest }) => {
      await currentNamed(rest, params.id);
      return toRestSubscription(await api.subscriptions.cancel({ immediately: query.immediate === 'true' }));
    },
  }),
];
