import { clerkMiddleware } from '@clerk/nextjs/server';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';

/**
 * Clerk mode: Clerk's middleware handles its session cookie and handshake, with the keys passed in
 * explicitly (it does not read CLERK_JWT_KEY itself). Local mode: nothing to do here. The mode is read
 * from the environment when the server runs, not when it is built.
 */
const clerk = clerkMiddleware(
  () => NextResponse.next(),
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

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  return clerkMode() ? clerk(request, event) : NextResponse.next();
}

export const config = {
  // Pages and APIs; not Next's own assets, static files, or the probes (which must not depend on Clerk).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|health|ready|.*\\.(?:css|js|png|jpg|svg|ico|woff2?)$).*)'],
};
