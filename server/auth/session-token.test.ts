import { describe, expect, it } from 'vitest';
import { mintToken, OTHER_KEYS, tamper, TEST_AUTHORIZED_PARTY, TEST_KEYS } from '@/test/tokens';
import { principalFromClaims } from './session-claims';
import { createSessionVerifier } from './session-token';

const verify = createSessionVerifier({ jwtKey: TEST_KEYS.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY] });

describe('session tokens, verified networkless with the instance key', () => {
  it('accepts a v2 token and reads the org from `o`', async () => {
    const verdict = await verify(await mintToken({ userId: 'user_1', orgId: 'org_a', role: 'org:billing' }));
    expect(verdict).toEqual({
      ok: true,
      principal: expect.objectContaining({ kind: 'user', userId: 'user_1', orgId: 'org_a', orgRole: 'org:billing' }),
    });
  });

  it('accepts a v1 token with flat org claims', async () => {
    const verdict = await verify(await mintToken({ version: 1, orgId: 'org_b', role: 'org:admin' }));
    expect(verdict.ok && verdict.principal).toMatchObject({ orgId: 'org_b', orgRole: 'org:admin', orgSlug: 'org_b' });
  });

  it('accepts a token with no active organization', async () => {
    const verdict = await verify(await mintToken({ orgId: null }));
    expect(verdict.ok && verdict.principal).toMatchObject({ orgId: null, orgRole: null });
  });

  it.each([
    ['expired', () => mintToken({ expiresInSeconds: -120 }), 'session token expired'],
    ['tampered', async () => tamper(await mintToken()), 'invalid'],
    ['signed by another key', () => mintToken({ privateKeyPem: OTHER_KEYS.privateKeyPem }), 'signature is invalid'],
    ['for another application (azp)', () => mintToken({ azp: 'https://evil.test' }), 'not issued for this application'],
  ])('refuses a token %s', async (_, make, reason) => {
    const verdict = await verify(await make());
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it('refuses garbage', async () => {
    expect((await verify('not.a.jwt')).ok).toBe(false);
  });

  it('checks azp only when authorized parties are configured', async () => {
    const lenient = createSessionVerifier({ jwtKey: TEST_KEYS.publicKeyPem });
    expect((await lenient(await mintToken({ azp: 'https://anywhere.test' }))).ok).toBe(true);
  });
});

describe('principalFromClaims', () => {
  it.each([
    [{ sub: 'u', v: 2, o: { id: 'org', rol: 'admin' } }, 'org:admin'],
    [{ sub: 'u', v: 2, o: { id: 'org', rol: 'billing' } }, 'org:billing'],
    [{ sub: 'u', v: 2, o: { id: 'org', rol: 'member' } }, 'org:member'],
    [{ sub: 'u', v: 2, o: { id: 'org', rol: 'owner' } }, 'org:member'],
    [{ sub: 'u', org_id: 'org', org_role: 'org:admin' }, 'org:admin'],
    [{ sub: 'u', org_id: 'org', org_role: 'org:superuser' }, 'org:member'],
  ])('maps %j to %s (unknown roles get member rights)', (claims, role) => {
    expect(principalFromClaims(claims)?.orgRole).toBe(role);
  });

  it('needs a subject', () => {
    expect(principalFromClaims({ v: 2 })).toBeNull();
  });
});
