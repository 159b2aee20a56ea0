import { getOrganizationSupportView } from '../../billing/catalog/organization-support.service';
import { router } from '../../trpc/init';
import { platformAdminProcedure } from '../../trpc/procedures';
import { OrganizationIdInput, OrganizationSupportOutput, toOrganizationSupportOutput } from './organizations.schemas';

/** Support look-ups across organizations; read-only. */
export const adminOrganizationsRouter = router({
  get: platformAdminProcedure
    .input(OrganizationIdInput)
    .output(OrganizationSupportOutput)
    .query(async ({ ctx, input }) =>
      toOrganizationSupportOutput(await getOrganizationSupportView(ctx.db, input.organizationId)),
    ),
});
