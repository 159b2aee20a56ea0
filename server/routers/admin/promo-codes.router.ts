import { z } from 'zod';
import {
  createPromoCode,
  deactivatePromoCode,
  getPromoCode,
  listPromoCodes,
  updatePromoCode,
} from '../../billing/catalog/promo-admin.service';
import { router } from '../../trpc/init';
import { platformAdminProcedure } from '../../trpc/procedures';
import { catalogCaller, catalogDeps } from './context';
import {
  CreatePromoCodeInput,
  PromoCodeIdInput,
  PromoCodeOutput,
  toPromoCodeOutput,
  UpdatePromoCodeInput,
} from './promo-codes.schemas';

/** Promo codes, each synced to a Stripe coupon and promotion code. */
export const adminPromoCodesRouter = router({
  list: platformAdminProcedure
    .output(z.array(PromoCodeOutput))
    .query(async ({ ctx }) => (await listPromoCodes(ctx.db)).map(toPromoCodeOutput)),

  get: platformAdminProcedure
    .input(PromoCodeIdInput)
    .output(PromoCodeOutput)
    .query(async ({ ctx, input }) => toPromoCodeOutput(await getPromoCode(ctx.db, input.id))),

  create: platformAdminProcedure
    .input(CreatePromoCodeInput)
    .output(PromoCodeOutput)
    .mutation(async ({ ctx, input }) =>
      toPromoCodeOutput(await createPromoCode(catalogDeps(ctx), catalogCaller(ctx), input)),
    ),

  update: platformAdminProcedure
    .input(UpdatePromoCodeInput)
    .output(PromoCodeOutput)
    .mutation(async ({ ctx, input: { id, ...changes } }) =>
      toPromoCodeOutput(await updatePromoCode(catalogDeps(ctx), catalogCaller(ctx), id, changes)),
    ),

  deactivate: platformAdminProcedure
    .input(PromoCodeIdInput)
    .output(PromoCodeOutput)
    .mutation(async ({ ctx, input }) =>
      toPromoCodeOutput(await deactivatePromoCode(catalogDeps(ctx), catalogCaller(ctx), input.id)),
    ),
});
