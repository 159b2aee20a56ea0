import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys';
import { ForbiddenError } from '../errors';
import { router } from '../trpc/init';
import { adminProcedure } from '../trpc/procedures';
import {
  ApiKeyOutput,
  CreateApiKeyInput,
  CreatedApiKeyOutput,
  RevokeApiKeyInput,
  toApiKeyOutput,
} from './api-keys.schemas';

export const apiKeysRouter = router({
  list: adminProcedure
    .output(z.array(ApiKeyOutput))
    .query(async ({ ctx }) => (await listApiKeys(ctx.db, ctx.org.id)).map(toApiKeyOutput)),

  create: adminProcedure
    .input(CreateApiKeyInput)
    .output(CreatedApiKeyOutput)
    .mutation(async ({ ctx, input }) => {
      // Only the platform organization's admins may mint keys that act for every organization.
      if (input.platform && ctx.org.id !== ctx.auth.platformOrgId) {
        throw new ForbiddenError('Only platform admins can create platform keys');
      }
      const key = await createApiKey(ctx.db, {
        organizationId: ctx.org.id,
        name: input.name,
        scopes: input.scopes,
        isPlatform: input.platform ?? false,
        actor: ctx.org.actor,
        requestId: ctx.requestId,
      });
      return { ...toApiKeyOutput(key), secret: key.secret };
    }),

  revoke: adminProcedure
    .input(RevokeApiKeyInput)
    .output(ApiKeyOutput)
    .mutation(async ({ ctx, input }) =>
      toApiKeyOutput(
        await revokeApiKey(ctx.db, {
          organizationId: ctx.org.id,
          id: input.id,
          actor: ctx.org.actor,
          requestId: ctx.requestId,
          now: ctx.clock(),
        }),
      ),
    ),
});
