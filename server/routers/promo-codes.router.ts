import { z } from 'zod';
import { validatePromoCode } from '../billing/promo-codes.service';
import { router } from '../trpc/init';
import { billingProcedure } from '../trpc/procedures';
import { BillingCycle, Uuid } from './shape';

export const promoCodesRouter = router({
  validate: billingProcedure
    .input(
      z.object({
        code: z.string().trim().min(1, 'enter a code').max(64),
        planId: Uuid('a plan'),
        billingCycle: BillingCycle,
        organizationId: z.string().optional(),
      }),
    )
    .output(
      z.object({
        code: z.string(),
        valid: z.boolean(),
        reason: z.string().nullable(),
        message: z.string(),
        currency: z.string(),
        price: z.number().int(),
        discount: z.number().int(),
        discountedPrice: z.number().int(),
        duration: z.enum(['once', 'repeating', 'forever']),
        durationInMonths: z.number().int().nullable(),
      }),
    )
    .query(({ ctx, input }) => validatePromoCode(ctx.db, { ...input, organizationId: ctx.org.id, now: ctx.clock() })),
});
