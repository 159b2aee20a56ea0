import { clerkMiddleware } from '@clerk/nextjs/server';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { clerkFrontendHostOf, contentSecurityPolicy, corsHeaders, createNonce } from './server/security/headers';

/**
 * Clerk mode: Clerk's middleware handles its session cookie and handshake, with the keys passed in
 * explicitly (it does not read CLERK_JWT_KEY itself). In both modes each response gets its security
 * headers. The mode is read from the environment when the server runs, not when it is built.
 */
const clerk = clerkMiddleware(
  (_auth, request) => secured(request),
  () => ({
    publishableKey: process.env.CLERK_PUBLISHABLE_KEY,
    // The secret key is read by Clerk from CLERK_SECRET_KEY itself (passing it here needs CLERK_ENCRYPTION_KEY).
    jwtKey: process.env.CLERK_JWT_KEY,
    authorizedParties: process.env.CLERK_AUTHORIZED_PARTIES?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  }),
);

const clerkMode = () => Boolean(process.env.CLERK_PUBLISHABLE_KEY || process.env.CLERK_JWT_KEY);

const corsOrigins = () =>
  (process.env.CORS_ORIGIN ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const isApi = (request: NextRequest) => request.nextUrl.pathname.startsWith('/api/');

/**
 * Every page and API response gets a fresh CSP nonce; Next reads it from the request's CSP header and
 * puts it on its own scripts (the layout passes it to Clerk's). API responses get CORS for CORS_ORIGIN.
 */
function secured(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === 'development',
    clerkFrontendHost: clerkMode() ? clerkFrontendHostOf(process.env.CLERK_PUBLISHABLE_KEY) : null,
    stripe: Boolean(process.env.STRIPE_SECRET_KEY),
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  if (isApi(request)) {
    for (const [name, value] of Object.entries(corsHeaders(request.headers.get('origin'), corsOrigins(), false))) {
      response.headers.set(name, value);
    }
  }
  return response;
}

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  // A CORS preflight is answered here: it carries no credentials, so neither Clerk nor a route sees it.
  if (request.method === 'OPTIONS' && isApi(request)) {
    return new NextResponse(null, {
      status: 204,
      headers: corsHeaders(request.headers.get('origin'), corsOrigins(), true),
    });
  }
  return clerkMode() ? clerk(request, event) : secured(request);
}

export const config = {
  // Pages and APIs; not Next's own assets, static files, or the probes (which must not depend on Clerk).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|health|ready|.*\\.(?:css|js|png|jpg|svg|ico|woff2?)$).*)'],
};
