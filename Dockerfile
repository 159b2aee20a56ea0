# syntax=docker/dockerfile:1
# The billing service on Next's standalone output: one image for every mode (the environment picks),
# run as a non-root user. Migrations: `node scripts/db-migrate.mjs` with the same image and environment.

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3006 \
    HOSTNAME=0.0.0.0 \
    MIGRATIONS_DIR=/app/drizzle \
    PGLITE_DIR=/app/.data/pglite \
    LOCAL_AUTH_DIR=/app/.data/local-auth \
    STRIPE_SIM_STATE=/app/.data/stripe-sim.json
RUN groupadd --system --gid 1001 billing \
 && useradd --system --uid 1001 --gid billing --home-dir /app --shell /usr/sbin/nologin billing \
 && mkdir -p /app/.data \
 && chown billing:billing /app/.data
COPY --from=build --chown=billing:billing /app/.next/standalone ./
USER billing
EXPOSE 3006
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3006)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains in-flight requests (SHUTDOWN_TIMEOUT_MS) before exiting; exec form so node receives it.
CMD ["node", "server.js"]
