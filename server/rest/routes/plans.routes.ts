import { z } from 'zod';
import { getPublicPlan, listPublicPlans } from '../../billing/plans.service';
import { defineRoute } from '../route';
import { uuidOf } from '../shape';
import { PlanDetails, PlanFeature, PlanLimit, toPlanDetails, toRestFeature, toRestLimit } from './plans.schemas';

const PlanPath = z.object({ id: uuidOf('a plan') }).strict();
const common = { tag: 'Plans', access: 'public', bucket: 'read', status: 200, method: 'GET' } as const;

// The catalog is public: the handlers read it through the same domain functions as `plans.list`/`plans.get`,
// which also give the Stripe ids and timestamps the seed's shapes carry.
export const planRoutes = [
  defineRoute({
    ...common,
    path: '/api/plans',
    operationId: 'listPlans',
    summary: 'Public, active plans in display order, each with its features and limits',
    response: z.array(PlanDetails),
    errors: [],
    handle: async (_input, { ctx }) => (await listPublicPlans(ctx.db)).map(toPlanDetails),
  }),
  defineRoute({
    ...common,
    path: '/api/plans/{id}',
    operationId: 'getPlan',
    summary: 'One public plan with its features and limits',
    params: PlanPath,
    response: PlanDetails,
    errors: ['NOT_FOUND'],
    handle: async ({ params }, { ctx }) => toPlanDetails(await getPublicPlan(ctx.db, params.id)),
  }),
  defineRoute({
    ...common,
    path: '/api/plans/{id}/features',
    operationId: 'listPlanFeatures',
    summary: 'The features of a public plan',
    params: PlanPath,
    response: z.array(PlanFeature),
    errors: ['NOT_FOUND'],
    handle: async ({ params }, { ctx }) => {
      const plan = await getPublicPlan(ctx.db, params.id);
      return plan.features.map((feature) => toRestFeature(plan, feature));
    },
  }),
  defineRoute({
    ...common,
    path: '/api/plans/{id}/limits',
    operationId: 'listPlanLimits',
    summary: 'The limits of a public plan (max_value -1 = unlimited; overage_price in major units per unit)',
    params: PlanPath,
    response: z.array(PlanLimit),
    errors: ['NOT_FOUND'],
    handle: async ({ params }, { ctx }) => {
      const plan = await getPublicPlan(ctx.db, params.id);
      return plan.limits.map((limit) => toRestLimit(plan, limit));
    },
  }),
];
