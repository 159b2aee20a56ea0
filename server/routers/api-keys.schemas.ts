import { z } from 'zod';
import { API_KEY_SCOPES } from '@/db/schema';
import type { ApiKeyView } from '../auth/api-keys';

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, 'give the key a name').max(100, 'at most 100 characters'),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'choose at least one scope'),
  /** Platform admins only: a key that acts for any organization it names. */
  platform: z.boolean().optional(),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const RevokeApiKeyInput = z.object({ id: z.string().uuid({ message: 'must be an API key id' }) });

export const ApiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  platform: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const CreatedApiKeyOutput = ApiKeyOutput.extend({
  secret: z.string().describe('shown this once; store it now'),
});

export const toApiKeyOutput = (key: ApiKeyView): z.infer<typeof ApiKeyOutput> => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  platform: key.isPlatform,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
});
