import { describe, expect, it } from 'vitest';
import { clerkFrontendHostOf, contentSecurityPolicy, corsHeaders, createNonce } from './headers';

const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1)
    .split(' ');

describe('contentSecurityPolicy', () => {
  const base = { nonce: 'abc123', development: false, clerkFrontendHost: null, stripe: false };

  it('runs only scripts carrying the nonce, and cannot be framed', () => {
    const csp = contentSecurityPolicy(base);
    expect(directive(csp, 'script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(directive(csp, 'frame-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/clerk|stripe|unsafe-eval/);
  });

  it('admits Clerk’s hosts only in Clerk mode and Stripe’s only with real Stripe', () => {
    const clerk = contentSecurityPolicy({ ...base, clerkFrontendHost: 'clerk.billing.test' });
    expect(directive(clerk, 'script-src')).toContain('https://clerk.billing.test');
    expect(directive(clerk, 'connect-src')).toContain('https://clerk.billing.test');
    expect(clerk).not.toContain('stripe.com');
    const stripe = contentSecurityPolicy({ ...base, stripe: true });
    expect(directive(stripe, 'script-src')).toContain('https://js.stripe.com');
    expect(directive(stripe, 'frame-src')).toEqual([
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://hooks.stripe.com',
    ]);
    expect(directive(stripe, 'connect-src')).toContain('https://api.stripe.com');
    expect(stripe).not.toContain('clerk');
  });

  it('allows eval and the update socket only under next dev', () => {
    const csp = contentSecurityPolicy({ ...base, development: true });
    expect(directive(csp, 'script-src')).toContain("'unsafe-eval'");
    expect(directive(csp, 'connect-src')).toContain('ws:');
  });
});

describe('helpers', () => {
  it('makes a fresh 128-bit nonce each time', () => {
    const a = createNonce();
    expect(atob(a)).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });

  it('reads Clerk’s host from a publishable key', () => {
    expect(clerkFrontendHostOf(`pk_live_${btoa('clerk.example.com$')}`)).toBe('clerk.example.com');
    expect(clerkFrontendHostOf('pk_test_!!!')).toBeNull();
    expect(clerkFrontendHostOf(undefined)).toBeNull();
  });
});

describe('corsHeaders', () => {
  const allowed = ['https://app.example.com'];

  it('answers a listed origin, never with credentials', () => {
    const headers = corsHeaders('https://app.example.com', allowed, true);
    expect(headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-headers': expect.stringContaining('authorization'),
      vary: 'Origin',
    });
    expect(headers).not.toHaveProperty('access-control-allow-credentials');
  });

  it('gives nothing to other origins, and nothing at all by default', () => {
    expect(corsHeaders('https://evil.example', allowed, true)).toEqual({ vary: 'Origin' });
    expect(corsHeaders('https://app.example.com', [], false)).toEqual({ vary: 'Origin' });
  });
});
