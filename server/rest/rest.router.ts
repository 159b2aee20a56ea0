import { z } from 'zod';
import { getInvoice, listInvoicesByOffset } from '../billing/invoices.service';
import { currentSubscription } from '../billing/subscriptions.queries';
import { createCallerFactory, router } from '../trpc/init';
import { billingProcedure, orgProcedure } from '../trpc/procedures';

const Org = { organizationId: z.string().optional() };

/**
 * The REST API's reads that no tRPC procedure serves in its shape: built from the same procedure builders
 * as the procedures they stand beside, so tenancy, roles and API key scopes are enforced by the same code.
 * Not mounted on HTTP; REST handlers call it.
 */
export const restRouter = router({
  /**
   * The subscription `PUT`/`DELETE /api/subscriptions/:id` would change, under the same guard as
   * `subscriptions.changePlan` and `.cancel`: a caller who may not change it is refused before its id is
   * compared, so the answer never depends on guessing the id.
   */
  subscriptionToChange: billingProcedure.input(z.object(Org).optional()).query(async ({ ctx }) => {
    const current = await currentSubscription(ctx.db, ctx.org.id);
    return current && { id: current.id, planId: current.planId, billingCycle: current.billingCycle };
  }),

  /** The seed pages invoices by offset (with the total), as `invoices.list` pages by cursor. */
  invoicesPage: orgProcedure
    .input(z.object({ ...Org, limit: z.number().int().min(1).max(100), offset: z.number().int().min(0) }))
    .query(({ ctx, input }) => listInvoicesByOffset(ctx.db, ctx.org.id, input)),

  /** One invoice as stored, so both invoice routes show the same fields (its organization included). */
  invoice: orgProcedure
    .input(z.object({ ...Org, id: z.string().uuid() }))
    .query(({ ctx, input }) => getInvoice(ctx.db, ctx.org.id, input.id)),
});

export const createRestCaller = createCallerFactory(restRouter);
