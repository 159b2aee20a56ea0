/**
 * Response headers that protect the portal and the API, built per request by the proxy: a nonce-based
 * Content-Security-Policy that admits Clerk's and Stripe's hosts only in the modes that load them, and
 * CORS for the API limited to CORS_ORIGIN. Framework-free, so it is tested without a server.
 */

export interface CspOptions {
  nonce: string;
  /** `next dev` needs eval for fast refresh and a websocket for updates. */
  development: boolean;
  /** Clerk's Frontend API host (from the publishable key) in Clerk mode; null otherwise. */
  clerkFrontendHost: string | null;
  /** Real Stripe (STRIPE_SECRET_KEY set): Stripe.js, its frames and its API. */
  stripe: boolean;
}

/** The hosts Stripe's security guide lists for Stripe.js, its card frames and 3-D Secure. */
const STRIPE = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com'],
  img: ['https://*.stripe.com'],
  form: ['https://checkout.stripe.com'],
};

/** The policy for one response; scripts run only with this response's nonce (or load from one that has it). */
export function contentSecurityPolicy({ nonce, development, clerkFrontendHost, stripe }: CspOptions): string {
  const clerk = clerkFrontendHost ? [`https://${clerkFrontendHost}`] : [];
  const clerkImages = clerkFrontendHost ? ['https://img.clerk.com'] : [];
  const pick = (key: keyof typeof STRIPE) => (stripe ? STRIPE[key] : []);
  const frames = [...clerk, ...pick('frame')];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    [
      'script-src',
      [
        "'self'",
        `'nonce-${nonce}'`,
        "'strict-dynamic'",
        ...(development ? ["'unsafe-eval'"] : []),
        ...clerk,
        ...pick('script'),
      ],
    ],
    // Next and React set style attributes at run time; styles cannot run code, so inline styles are allowed.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...clerkImages, ...pick('img')]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(development ? ['ws:'] : []), ...clerk, ...pick('connect')]],
    ['frame-src', frames.length ? frames : ["'none'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'", ...pick('form')]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** A random nonce per response (128 bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The host a Clerk publishable key names: base64 of `host$` after `pk_test_`/`pk_live_`. */
export function clerkFrontendHostOf(publishableKey: string | undefined): string | null {
  const encoded = /^pk_(?:test|live)_(.+)$/.exec(publishableKey ?? '')?.[1];
  if (!encoded) return null;
  try {
    const host = atob(encoded).replace(/\$$/, '');
    return /^[\w.-]+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, x-request-id, trpc-accept';
const EXPOSED_HEADERS = 'retry-after, x-request-id';

/**
 * CORS for an API request from `origin`: headers to add when the origin is listed in CORS_ORIGIN, none
 * otherwise (the browser then refuses the response). Credentials are not allowed: callers from other
 * origins authenticate with a bearer token, never with the portal's cookie.
 */
export function corsHeaders(origin: string | null, allowed: readonly string[], preflight: boolean) {
  if (!origin || !allowed.includes(origin)) return { vary: 'Origin' };
  return {
    vary: 'Origin',
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
    ...(preflight
      ? {
          'access-control-allow-methods': ALLOWED_METHODS,
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': '600',
        }
      : {}),
  };
}
