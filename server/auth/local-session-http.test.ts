import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createAuthenticator, readCookie, SESSION_COOKIE } from './authenticator';
import { DEMO_PLATFORM_ORG_ID } from './local-directory';
import { loadOrCreateLocalKeys } from './local-keys';
import { handleLocalSession } from './local-session-http';
import { viewerOf } from './viewer';

const keys = loadOrCreateLocalKeys(mkdtempSync(path.join(tmpdir(), 'local-auth-')));
const auth = createAuthenticator({
  mode: 'local',
  jwtKey: keys.publicKeyPem,
  platformOrgId: DEMO_PLATFORM_ORG_ID,
  localSigningKeyPem: keys.privateKeyPem,
});
const deps = { auth, db: {} as Database, clock: () => new Date() };

const post = (action: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  handleLocalSession(
    action,
    new Request(`http://127.0.0.1:3006/api/local-auth/${action}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { origin: 'http://127.0.0.1:3006', host: '127.0.0.1:3006', ...headers },
    }),
    deps,
  );

const cookieOf = (response: Response) => readCookie(response.headers.get('set-cookie'), SESSION_COOKIE);

describe('local sign-in', () => {
  it('signs a demo user in with a Clerk-shaped token the normal verifier accepts', async () => {
    const response = await post('sign-in', {
      userId: 'user_demo_bob',
      orgId: 'org_demo_acme',
      redirectTo: '/billing/usage',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/billing/usage');
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Max-Age=\d+/);
    const token = cookieOf(response)!;
    const { principal } = await auth.authenticate(
      new Headers({ cookie: `${SESSION_COOKIE}=${token}` }),
      deps.db,
      new Date(),
    );
    expect(principal).toMatchObject({
      kind: 'user',
      userId: 'user_demo_bob',
      orgId: 'org_demo_acme',
      orgRole: 'org:billing',
    });
    expect(viewerOf(principal, auth)).toMatchObject({
      name: 'Bob Billing',
      orgName: 'Acme Inc.',
      isPlatformAdmin: false,
    });
  });

  it('switches the organization of the signed-in user, and only to one they belong to', async () => {
    const token = cookieOf(await post('sign-in', { userId: 'user_demo_alice', orgId: 'org_demo_acme' }))!;
    const switched = await post('switch', { orgId: 'org_demo_globex' }, { cookie: `${SESSION_COOKIE}=${token}` });
    const { principal } = await auth.authenticate(
      new Headers({ cookie: `${SESSION_COOKIE}=${cookieOf(switched)}` }),
      deps.db,
      new Date(),
    );
    expect(principal).toMatchObject({ userId: 'user_demo_alice', orgId: 'org_demo_globex', orgRole: 'org:member' });
    const refused = await post('switch', { orgId: DEMO_PLATFORM_ORG_ID }, { cookie: `${SESSION_COOKIE}=${token}` });
    expect(refused.status).toBe(400);
  });

  it('marks the platform admin', async () => {
    const token = cookieOf(await post('sign-in', { userId: 'user_demo_petra', orgId: DEMO_PLATFORM_ORG_ID }))!;
    const { principal } = await auth.authenticate(
      new Headers({ authorization: `Bearer ${token}` }),
      deps.db,
      new Date(),
    );
    expect(viewerOf(principal, auth)?.isPlatformAdmin).toBe(true);
  });

  it('signs out by clearing the cookie', async () => {
    const response = await post('sign-out', {});
    expect(response.headers.get('set-cookie')).toMatch(/__session=; .*Max-Age=0/);
  });

  it('refuses unknown users, other origins, open redirects and GETs', async () => {
    expect((await post('sign-in', { userId: 'user_nobody' })).status).toBe(400);
    expect((await post('sign-in', { userId: 'user_demo_bob' }, { origin: 'https://evil.test' })).status).toBe(403);
    const open = await post('sign-in', { userId: 'user_demo_bob', redirectTo: '//evil.test/x' });
    expect(open.headers.get('location')).toBe('/billing');
    const get = await handleLocalSession('sign-in', new Request('http://127.0.0.1/api/local-auth/sign-in'), deps);
    expect(get.status).toBe(405);
    expect((await post('nope', {})).status).toBe(404);
  });

  it('does not exist in Clerk mode', async () => {
    const clerk = createAuthenticator({ mode: 'clerk', jwtKey: keys.publicKeyPem, platformOrgId: null });
    const response = await handleLocalSession(
      'sign-in',
      new Request('http://127.0.0.1/api/local-auth/sign-in', { method: 'POST' }),
      { ...deps, auth: clerk },
    );
    expect(response.status).toBe(404);
  });

  it('keeps the key pair across restarts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'local-auth-'));
    expect(loadOrCreateLocalKeys(dir)).toEqual(loadOrCreateLocalKeys(dir));
  });
});
