/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded from node_modules at run time: PGlite ships WebAssembly and data files, pino spawns nothing,
  // rate-limiter-flexible names optional stores a bundler would try to resolve.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'postgres',
    'pino',
    'pino-pretty',
    'ioredis',
    'prom-client',
    'rate-limiter-flexible',
  ],
  typedRoutes: false,
  // The image runs `node server.js` from a minimal copy of the app and its traced dependencies.
  output: 'standalone',
  // Headers that never vary by request, on every response (the proxy adds the per-request CSP and CORS).
  async headers() {
    const headers = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(self)' },
    ];
    // Production builds only: a browser that saw HSTS on localhost would refuse plain HTTP there for two years.
    if (process.env.NODE_ENV === 'production') {
      headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' });
    }
    return [{ source: '/:path*', headers }];
  },
};

export default nextConfig;
