# syntax=docker/dockerfile:1
# newsgraph API image. Two stages: `build` installs every dependency, runs GraphQL codegen and
# compiles TypeScript into dist/; `runtime` holds production dependencies, the compiled code and
# the files the server reads at run time (schema/*.graphql, schema/examples, seed/).
# Neo4j is not in this image: point NEO4J_URI at one (docker-compose.yml does).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci applies patches/ (patch-package, docs/decisions/018-apollo-gateway-context-retention.md).
COPY patches ./patches
RUN npm ci
COPY tsconfig.json tsconfig.build.json codegen.ts ./
COPY src ./src
COPY schema ./schema
COPY seed ./seed
COPY tools ./tools
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci applies patches/ (patch-package, docs/decisions/018-apollo-gateway-context-retention.md).
COPY patches ./patches
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# From the build stage, so files codegen writes (schema/generated) are included.
COPY --from=build /app/schema ./schema
COPY --from=build /app/seed ./seed
# The node image's unprivileged user; the app only reads files under /app.
USER node
EXPOSE 4000
# No curl/wget in the slim image: Node's fetch does the probe.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The Node flags of src/server/nodeFlags.ts, as `npm start` passes them.
CMD ["node", "--max-semi-space-size=64", "--no-allocation-site-pretenuring", "dist/src/server/main.js"]
