# The stub as a container emulator: `conformance serve` on 0.0.0.0:8700, as a non-root user, with a
# HEALTHCHECK on the readiness route. Built from the packed package (the same tarball `npm pack` makes), so
# the image holds the compiled CLI and its runtime dependencies only.
#   docker build -t connect-views-stub .
#   docker run -p 8700:8700 connect-views-stub --instance-id <uuid> --account-id 111122223333
#   docker run -p 8700:8700 -v cvc-state:/data connect-views-stub --state-file /data/state.json
# Arguments after the image name are `serve` options; the port inside is fixed at 8700 (map it with -p).

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
# npm pack runs the build (prepack) and keeps only the package's files
RUN npm pack --pack-destination /tmp/pkg

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PACT_DO_NOT_TRACK=true \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
COPY --from=build /tmp/pkg/ /tmp/pkg/
# no install scripts: nothing at run time needs them (the pack test installs the same way)
RUN npm install --global --omit=dev --ignore-scripts --no-audit --no-fund /tmp/pkg/*.tgz \
    && rm -rf /tmp/pkg \
    && npm cache clean --force \
    && mkdir /data && chown node:node /data
USER node
WORKDIR /data
EXPOSE 8700
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8700/_conformance/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["conformance", "serve", "--host", "0.0.0.0", "--port", "8700"]
CMD []
