# Build, then run the compiled service on Node 20 with production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY seeds ./seeds
COPY public ./public
USER node
EXPOSE 3000
# The heap budget (HEAP_MB, see the README) as npm start sets it.
CMD ["sh", "-c", "exec node --max-old-space-size=${HEAP_MB:-384} --max-semi-space-size=16 dist/src/main.js"]
