import type { UserPrincipal } from '../server/auth/principal';
import { createCaller } from '../server/routers/_app';
import { createInnerContext, type ServiceDeps } from '../server/trpc/context';

let sequence = 0;

/** A signed-in person of `orgId` with `role`, calling the router in-process. */
export function callerFor(deps: ServiceDeps, orgId: string, role: UserPrincipal['orgRole'] = 'org:billing') {
  const principal: UserPrincipal = {
    kind: 'user',
    userId: `user_${orgId}_${role?.replace('org:', '')}`,
    sessionId: 'sess_test',
    orgId,
    orgRole: role,
    orgSlug: orgId,
  };
  return createCaller(createInnerContext(deps, { requestId: `req-${++sequence}`, principal }));
}
