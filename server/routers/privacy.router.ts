import { exportOrganizationData } from '../billing/data-export.service';
import { eraseOrganizationPersonalData } from '../billing/privacy.service';
import { router } from '../trpc/init';
import { adminProcedure, platformAdminProcedure } from '../trpc/procedures';
import { EraseOrganizationInput, EraseOrganizationOutput, OrganizationExportOutput } from './privacy.schemas';

export const privacyRouter = router({
  /** A mutation, not a query: every export is audited, and a GET must not be prefetched into one. */
  exportData: adminProcedure.output(OrganizationExportOutput).mutation(({ ctx }) =>
    exportOrganizationData(ctx.db, ctx.config.dataKeys, {
      organizationId: ctx.org.id,
      actor: ctx.org.actor,
      requestId: ctx.requestId,
      now: ctx.clock(),
    }),
  ),

  erase: platformAdminProcedure
    .input(EraseOrganizationInput)
    .output(EraseOrganizationOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await eraseOrganizationPersonalData(ctx, {
        organizationId: input.organizationId,
        actor: ctx.actor,
        requestId: ctx.requestId,
        now: ctx.clock(),
      });
      return { organizationId: input.organizationId, ...result, erasedAt: result.erasedAt?.toISOString() ?? null };
    }),
});
