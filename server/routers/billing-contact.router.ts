import { EMPTY_CONTACT, getBillingContact, updateBillingContact } from '../billing/billing-contact.service';
import { router } from '../trpc/init';
import { billingProcedure } from '../trpc/procedures';
import { BillingContactOutput, UpdateBillingContactInput } from './billing-contact.schemas';

export const billingContactRouter = router({
  get: billingProcedure
    .output(BillingContactOutput)
    .query(
      async ({ ctx }) => (await getBillingContact(ctx.db, ctx.config.dataKeys, ctx.org.id)) ?? { ...EMPTY_CONTACT },
    ),

  update: billingProcedure
    .input(UpdateBillingContactInput)
    .output(BillingContactOutput)
    .mutation(async ({ ctx, input: { organizationId: _org, ...changes } }) =>
      updateBillingContact(ctx.db, ctx.config.dataKeys, {
        organizationId: ctx.org.id,
        changes,
        actor: ctx.org.actor,
        requestId: ctx.requestId,
      }),
    ),
});
