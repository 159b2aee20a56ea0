/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded from node_modules at run time: PGlite ships WebAssembly and data files, pino spawns nothing.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pino', 'pino-pretty'],
  typedRoutes: false,
};

export default nextConfig;
