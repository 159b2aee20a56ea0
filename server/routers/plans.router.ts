import { z } from 'zod';
import { getPublicPlan, listPublicPlans } from '../billing/plans.service';
import { router } from '../trpc/init';
import { publicProcedure } from '../trpc/procedures';
import { PlanIdInput, PlanOutput, toPlanOutput } from './plans.schemas';

export const plansRouter = router({
  list: publicProcedure
    .output(z.array(PlanOutput))
    .query(async ({ ctx }) => (await listPublicPlans(ctx.db)).map(toPlanOutput)),

  get: publicProcedure
    .input(PlanIdInput)
    .output(PlanOutput)
    .query(async ({ ctx, input }) => toPlanOutput(await getPublicPlan(ctx.db, input.id))),
});
