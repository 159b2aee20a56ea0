import { NextRequest, type NextFetchEvent } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import proxy from './proxy';

const event = {} as NextFetchEvent;
const run = async (request: NextRequest) => (await proxy(request, event)) as Response;
afterEach(() => vi.unstubAllEnvs());

/** Headers Next will add to the request that reaches the page (NextResponse.next({request})). */
const forwarded = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name}`);

describe('proxy (local sign-in mode)', () => {
  it('gives each page a fresh nonce, in the response’s CSP and in the request the page renders', async () => {
    const first = await run(new NextRequest('http://app.test/billing'));
    const second = await run(new NextRequest('http://app.test/billing'));
    const csp = first.headers.get('content-security-policy')!;
    const nonce = forwarded(first, 'x-nonce')!;
    expect(csp).toContain(`'nonce-${nonce}'`);
    expect(forwarded(first, 'content-security-policy')).toBe(csp);
    expect(forwarded(second, 'x-nonce')).not.toBe(nonce);
    expect(first.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds CORS to API responses for CORS_ORIGIN only, and answers its preflight', async () => {
    vi.stubEnv('CORS_ORIGIN', 'https://app.example.com');
    const api = (origin: string, method = 'GET') =>
      run(new NextRequest('http://app.test/api/trpc/plans.list', { method, headers: { origin } }));
    const allowed = await api('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await api('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await api('https://app.example.com', 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });
});
