import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getRuntime } from '../runtime';
import type { OrgRole } from './principal';
import { viewerOf, type Viewer } from './viewer';

/** The person signed in for this request, read from the session cookie (server components only). */
export async function getCurrentViewer(): Promise<Viewer | null> {
  const runtime = await getRuntime();
  const { principal } = await runtime.auth.authenticate(new Headers(await headers()), runtime.db, runtime.clock());
  return viewerOf(principal, runtime.auth);
}

/** A portal page's viewer: signed in with an active organization, or sent to sign in. */
export async function requireOrgViewer(path: string): Promise<Viewer & { orgId: string; role: OrgRole }> {
  const viewer = await getCurrentViewer();
  if (!viewer) redirect(`/sign-in?redirectTo=${encodeURIComponent(path)}`);
  if (!viewer.orgId || !viewer.role) redirect('/sign-in');
  return viewer as Viewer & { orgId: string; role: OrgRole };
}
