#!/bin/sh
# npm start: the standalone server that `npm run build` prepared in .next/standalone. The server changes
# into that directory, which the next build replaces, so the embedded default's data stays in ./.data.
export NEXT_TELEMETRY_DISABLED=1
export PORT="${PORT:-3006}"
export PGLITE_DIR="${PGLITE_DIR:-$PWD/.data/pglite}"
export LOCAL_AUTH_DIR="${LOCAL_AUTH_DIR:-$PWD/.data/local-auth}"
export STRIPE_SIM_STATE="${STRIPE_SIM_STATE:-$PWD/.data/stripe-sim.json}"
# Next's standalone server listens on $HOSTNAME, which shells and containers set to the machine's name;
# it must listen on every interface, localhost included, where Next sends its own rewrites (Clerk's).
export HOSTNAME=0.0.0.0
if [ ! -f .next/standalone/server.js ]; then
  echo "No build found: run npm run build first." >&2
  exit 1
fi
# exec: SIGTERM reaches node, which drains requests before exiting.
exec node .next/standalone/server.js
