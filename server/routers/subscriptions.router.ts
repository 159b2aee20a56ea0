import { cancelSubscription, resumeSubscription } from '../billing/cancel.service';
import { cancelPendingChange, changePlan, previewChange } from '../billing/change-plan.service';
import { subscribe } from '../billing/subscribe.service';
import { currentSubscription } from '../billing/subscriptions.queries';
import { router } from '../trpc/init';
import { billingProcedure, orgProcedure } from '../trpc/procedures';
import {
  CancelInput,
  ChangePlanInput,
  ChangePreviewOutput,
  CreateSubscriptionInput,
  OrgInput,
  SubscriptionOutput,
  toChangePreviewOutput,
  toSubscriptionOutput,
} from './subscriptions.schemas';

export const subscriptionsRouter = router({
  current: orgProcedure
    .meta({ apiKeyScope: 'subscriptions:read' })
    .input(OrgInput)
    .output(SubscriptionOutput.nullable())
    .query(async ({ ctx }) => {
      const view = await currentSubscription(ctx.db, ctx.org.id);
      return view ? toSubscriptionOutput(view) : null;
    }),

  create: billingProcedure
    .input(CreateSubscriptionInput)
    .output(SubscriptionOutput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionOutput(
        await subscribe(ctx, {
          ...input,
          organizationId: ctx.org.id,
          organizationName: ctx.principal.kind === 'user' ? ctx.principal.orgSlug : null,
          actor: ctx.org.actor,
          requestId: ctx.requestId,
          now: ctx.clock(),
        }),
      ),
    ),

  previewChange: billingProcedure
    .input(ChangePlanInput)
    .output(ChangePreviewOutput)
    .query(async ({ ctx, input }) =>
      toChangePreviewOutput(
        await previewChange(ctx, {
          ...input,
          organizationId: ctx.org.id,
          actor: ctx.org.actor,
          requestId: ctx.requestId,
          now: ctx.clock(),
        }),
      ),
    ),

  changePlan: billingProcedure
    .input(ChangePlanInput)
    .output(SubscriptionOutput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionOutput(
        await changePlan(ctx, {
          ...input,
          organizationId: ctx.org.id,
          actor: ctx.org.actor,
          requestId: ctx.requestId,
          now: ctx.clock(),
        }),
      ),
    ),

  cancelPendingChange: billingProcedure
    .input(OrgInput)
    .output(SubscriptionOutput)
    .mutation(async ({ ctx }) =>
      toSubscriptionOutput(
        await cancelPendingChange(ctx, { organizationId: ctx.org.id, actor: ctx.org.actor, requestId: ctx.requestId }),
      ),
    ),

  cancel: billingProcedure
    .input(CancelInput)
    .output(SubscriptionOutput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionOutput(
        await cancelSubscription(
          ctx,
          { organizationId: ctx.org.id, actor: ctx.org.actor, requestId: ctx.requestId, now: ctx.clock() },
          { immediately: input?.immediately ?? false },
        ),
      ),
    ),

  resume: billingProcedure
    .input(OrgInput)
    .output(SubscriptionOutput)
    .mutation(async ({ ctx }) =>
      toSubscriptionOutput(
        await resumeSubscription(ctx, {
          organizationId: ctx.org.id,
          actor: ctx.org.actor,
          requestId: ctx.requestId,
          now: ctx.clock(),
        }),
      ),
    ),
});
