// After `next build`: completes .next/standalone into a runnable app (`npm start`, the Docker image).
// Next copies the traced server code and node_modules; the static assets, the migrations and the
// migration command are ours to add. Plain Node (no tsx): it runs in the image's build stage.
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = process.cwd();
const standalone = path.join(root, '.next', 'standalone');
if (!existsSync(path.join(standalone, 'server.js'))) {
  console.error('No .next/standalone/server.js: run `next build` with output "standalone" first.');
  process.exit(1);
}

const copy = (from, to) => {
  if (existsSync(path.join(root, from))) cpSync(path.join(root, from), path.join(standalone, to), { recursive: true });
};
copy('.next/static', '.next/static');
copy('public', 'public');
copy('drizzle', 'drizzle');

// The migration command, bundled: the standalone node_modules hold only what the server traced.
// The database drivers stay external; the server needs them too, so they are there.
await build({
  entryPoints: [path.join(root, 'scripts', 'db-migrate.ts')],
  outfile: path.join(standalone, 'scripts', 'db-migrate.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@electric-sql/pglite', 'postgres'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('standalone app ready in .next/standalone (node server.js; node scripts/db-migrate.mjs)');
