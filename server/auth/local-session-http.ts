import { isAppError } from '../errors';
import type { Authenticator } from './authenticator';
import { SESSION_COOKIE } from './authenticator';
import { findDemoUser } from './local-directory';
import { mintLocalSession } from './local-sign-in';
import type { Database } from '@/db/client';

export interface LocalSessionDeps {
  auth: Authenticator;
  db: Database;
  clock: () => Date;
}

/** Only a same-site path: never an open redirect to another host. */
function safeRedirect(value: FormDataEntryValue | null, fallback: string): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : fallback;
}

/** Forms post from our own pages; a post from another origin is refused. */
function fromSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true; // same-origin form posts from older browsers may omit it
  return (
    origin === new URL(request.url).origin ||
    origin === `http://${request.headers.get('host')}` ||
    origin === `https://${request.headers.get('host')}`
  );
}

function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

// A relative Location: behind a proxy or on 127.0.0.1, request.url may name another host than the browser's.
const redirect = (to: string, cookie?: string) =>
  new Response(null, { status: 303, headers: { location: to, ...(cookie ? { 'set-cookie': cookie } : {}) } });

const notFound = () => new Response('Not found', { status: 404 });

/**
 * POST /api/local-auth/{sign-in,switch,sign-out}: local sign-in for the embedded default. Answers 404
 * in Clerk mode, so the routes do not exist where real sign-in runs.
 */
export async function handleLocalSession(action: string, request: Request, deps: LocalSessionDeps): Promise<Response> {
  if (deps.auth.mode !== 'local' || !deps.auth.localSigningKeyPem) return notFound();
  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405, headers: { allow: 'POST' } });
  if (!fromSameOrigin(request)) return new Response('Cross-origin request refused', { status: 403 });
  const form = await request.formData().catch(() => new FormData());
  if (action === 'sign-out') return redirect('/sign-in', sessionCookie(request, '', 0));

  let userId = form.get('userId');
  if (action === 'switch') {
    const { principal } = await deps.auth.authenticate(request.headers, deps.db, deps.clock());
    if (!principal || principal.kind !== 'user') return redirect('/sign-in');
    userId = principal.userId;
  } else if (action !== 'sign-in') {
    return notFound();
  }
  const user = typeof userId === 'string' ? findDemoUser(userId) : undefined;
  if (!user) return new Response('Unknown demo user', { status: 400 });
  const orgId = form.get('orgId');
  try {
    const session = await mintLocalSession(deps.auth.localSigningKeyPem, {
      userId: user.id,
      orgId: typeof orgId === 'string' && orgId ? orgId : (user.memberships[0]?.orgId ?? null),
      now: deps.clock(),
    });
    const maxAge = Math.floor((session.expiresAt.getTime() - deps.clock().getTime()) / 1000);
    return redirect(safeRedirect(form.get('redirectTo'), '/billing'), sessionCookie(request, session.token, maxAge));
  } catch (error) {
    if (isAppError(error)) return new Response(error.message, { status: 400 });
    throw error;
  }
}
