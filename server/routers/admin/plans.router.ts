import { z } from 'zod';
import { setPlanFeatures, setPlanLimits } from '../../billing/catalog/features-limits.service';
import { getPlanForAdmin, listPlansForAdmin } from '../../billing/catalog/plans-admin.queries';
import { createPlan, reorderPlans, setPlanArchived, updatePlan } from '../../billing/catalog/plans-admin.service';
import { movePriceSubscribers, previewPriceMove } from '../../billing/catalog/price-move.service';
import { router } from '../../trpc/init';
import { platformAdminProcedure } from '../../trpc/procedures';
import { catalogCaller, catalogDeps } from './context';
import {
  AdminPlanOutput,
  CreatePlanInput,
  MovePriceSubscribersInput,
  PlanIdInput,
  PlanRefInput,
  PriceMovePreviewOutput,
  PriceMoveResultOutput,
  ReorderPlansInput,
  SetFeaturesInput,
  SetLimitsInput,
  toAdminPlanOutput,
  UpdatePlanInput,
} from './plans.schemas';

/** The catalog: plans, their prices (kept in step with Stripe), features and limits. */
export const adminPlansRouter = router({
  list: platformAdminProcedure
    .output(z.array(AdminPlanOutput))
    .query(async ({ ctx }) => (await listPlansForAdmin(ctx.db)).map(toAdminPlanOutput)),

  get: platformAdminProcedure
    .input(PlanIdInput)
    .output(AdminPlanOutput)
    .query(async ({ ctx, input }) => toAdminPlanOutput(await getPlanForAdmin(ctx.db, input.id))),

  create: platformAdminProcedure
    .input(CreatePlanInput)
    .output(AdminPlanOutput)
    .mutation(async ({ ctx, input }) =>
      toAdminPlanOutput(await createPlan(catalogDeps(ctx), catalogCaller(ctx), input)),
    ),

  update: platformAdminProcedure
    .input(UpdatePlanInput)
    .output(AdminPlanOutput)
    .mutation(async ({ ctx, input: { id, ...changes } }) =>
      toAdminPlanOutput(await updatePlan(catalogDeps(ctx), catalogCaller(ctx), id, changes)),
    ),

  archive: platformAdminProcedure
    .input(PlanIdInput)
    .output(AdminPlanOutput)
    .mutation(async ({ ctx, input }) =>
      toAdminPlanOutput(await setPlanArchived(catalogDeps(ctx), catalogCaller(ctx), input.id, true)),
    ),

  restore: platformAdminProcedure
    .input(PlanIdInput)
    .output(AdminPlanOutput)
    .mutation(async ({ ctx, input }) =>
      toAdminPlanOutput(await setPlanArchived(catalogDeps(ctx), catalogCaller(ctx), input.id, false)),
    ),

  reorder: platformAdminProcedure
    .input(ReorderPlansInput)
    .output(z.array(AdminPlanOutput))
    .mutation(async ({ ctx, input }) =>
      (await reorderPlans(ctx.db, catalogCaller(ctx), input.planIds)).map(toAdminPlanOutput),
    ),

  setFeatures: platformAdminProcedure
    .input(SetFeaturesInput)
    .output(AdminPlanOutput)
    .mutation(async ({ ctx, input }) =>
      toAdminPlanOutput(await setPlanFeatures(ctx.db, catalogCaller(ctx), input.planId, input.features)),
    ),

  setLimits: platformAdminProcedure
    .input(SetLimitsInput)
    .output(AdminPlanOutput)
    .mutation(async ({ ctx, input }) =>
      toAdminPlanOutput(await setPlanLimits(ctx.db, catalogCaller(ctx), input.planId, input.limits)),
    ),

  previewPriceMove: platformAdminProcedure
    .input(PlanRefInput)
    .output(PriceMovePreviewOutput)
    .query(({ ctx, input }) => previewPriceMove(ctx.db, input.planId)),

  movePriceSubscribers: platformAdminProcedure
    .input(MovePriceSubscribersInput)
    .output(PriceMoveResultOutput)
    .mutation(({ ctx, input }) => movePriceSubscribers(catalogDeps(ctx), catalogCaller(ctx), input)),
});
