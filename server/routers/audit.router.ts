import { listAuditEntries } from '../billing/audit.service';
import { router } from '../trpc/init';
import { adminProcedure } from '../trpc/procedures';
import { AuditPageOutput, ListAuditInput, toAuditEntryOutput } from './audit.schemas';

export const auditRouter = router({
  list: adminProcedure
    .input(ListAuditInput)
    .output(AuditPageOutput)
    .query(async ({ ctx, input }) => {
      const page = await listAuditEntries(ctx.db, {
        organizationId: ctx.org.id,
        cursor: input.cursor,
        action: input.action,
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
        limit: input.limit,
      });
      return { entries: page.entries.map(toAuditEntryOutput), nextCursor: page.nextCursor };
    }),
});
