import { checkEntitlement, consumeEntitlement, listEntitlements } from '../billing/entitlements/entitlements.service';
import { entitlementPolicyOf } from '../billing/entitlements/policy';
import { router } from '../trpc/init';
import { billingProcedure, orgProcedure } from '../trpc/procedures';
import {
  CheckInput,
  CheckOutput,
  ConsumeInput,
  EntitlementsOutput,
  SummaryInput,
  toEntitlementsOutput,
} from './usage.schemas';

export const entitlementsRouter = router({
  list: orgProcedure
    .meta({ apiKeyScope: 'entitlements:read' })
    .input(SummaryInput)
    .output(EntitlementsOutput)
    .query(async ({ ctx }) =>
      toEntitlementsOutput(
        await listEntitlements({ db: ctx.db, policy: entitlementPolicyOf(ctx.config), now: ctx.clock() }, ctx.org.id),
      ),
    ),

  check: orgProcedure
    .meta({ apiKeyScope: 'entitlements:read' })
    .input(CheckInput)
    .output(CheckOutput)
    .query(({ ctx, input }) =>
      checkEntitlement(
        { db: ctx.db, policy: entitlementPolicyOf(ctx.config), now: ctx.clock() },
        ctx.org.id,
        input.key,
        input.quantity ?? 1,
      ),
    ),

  consume: billingProcedure
    .meta({ apiKeyScope: 'usage:write' })
    .input(ConsumeInput)
    .output(CheckOutput)
    .mutation(async ({ ctx, input }) => {
      const { duplicate: _duplicate, ...result } = await consumeEntitlement(
        { db: ctx.db, policy: entitlementPolicyOf(ctx.config), now: ctx.clock() },
        ctx.org.id,
        input,
      );
      return result;
    }),
});
