import { z } from 'zod';
import {
  attachPaymentMethod,
  createSetupIntent,
  listPaymentMethods,
  removePaymentMethod,
  setDefaultPaymentMethod,
  type PaymentMethodRow,
} from '../billing/payment-methods.service';
import { router } from '../trpc/init';
import { billingProcedure, orgProcedure } from '../trpc/procedures';
import { iso, NullableTimestamp, Uuid } from './shape';

const OrgInput = z.object({ organizationId: z.string().optional() }).optional();
const IdInput = z.object({ id: Uuid('a payment method'), organizationId: z.string().optional() });

const PaymentMethodOutput = z.object({
  id: z.string(),
  stripePaymentMethodId: z.string(),
  type: z.string(),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  expMonth: z.number().int().nullable(),
  expYear: z.number().int().nullable(),
  isDefault: z.boolean(),
  createdAt: NullableTimestamp,
});

const toOutput = (row: PaymentMethodRow): z.infer<typeof PaymentMethodOutput> => ({
  id: row.id,
  stripePaymentMethodId: row.stripePaymentMethodId,
  type: row.type,
  brand: row.brand,
  last4: row.last4,
  expMonth: row.expMonth,
  expYear: row.expYear,
  isDefault: row.isDefault,
  createdAt: iso(row.createdAt),
});

export const paymentMethodsRouter = router({
  list: orgProcedure
    .input(OrgInput)
    .output(z.array(PaymentMethodOutput))
    .query(async ({ ctx }) => (await listPaymentMethods(ctx.db, ctx.org.id)).map(toOutput)),

  createSetupIntent: billingProcedure
    .input(OrgInput)
    .output(z.object({ id: z.string(), clientSecret: z.string().nullable(), status: z.string() }))
    .mutation(({ ctx }) =>
      createSetupIntent(ctx, {
        organizationId: ctx.org.id,
        actor: ctx.org.actor,
        requestId: ctx.requestId,
        now: ctx.clock(),
      }),
    ),

  attach: billingProcedure
    .input(
      z.object({
        paymentMethodId: z.string().regex(/^pm_\w+$/, 'must be a Stripe payment method id (pm_…)'),
        organizationId: z.string().optional(),
      }),
    )
    .output(PaymentMethodOutput)
    .mutation(async ({ ctx, input }) =>
      toOutput(
        await attachPaymentMethod(
          ctx,
          { organizationId: ctx.org.id, actor: ctx.org.actor, requestId: ctx.requestId, now: ctx.clock() },
          input.paymentMethodId,
        ),
      ),
    ),

  setDefault: billingProcedure
    .input(IdInput)
    .output(PaymentMethodOutput)
    .mutation(async ({ ctx, input }) =>
      toOutput(
        await setDefaultPaymentMethod(
          ctx,
          { organizationId: ctx.org.id, actor: ctx.org.actor, requestId: ctx.requestId, now: ctx.clock() },
          input.id,
        ),
      ),
    ),

  remove: billingProcedure
    .input(IdInput)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await removePaymentMethod(
        ctx,
        { organizationId: ctx.org.id, actor: ctx.org.actor, requestId: ctx.requestId, now: ctx.clock() },
        input.id,
      );
      return { removed: true as const };
    }),
});
