/** @o2o/dispatch-worker: the dispatch microservice; see README.md. */
import { fileURLToPath } from 'node:url';
// durable order store
export * from './store/order-store.js';
export * from './store/order-store-error.js';
export * from './store/order-query.js';
export * from './store/rider-route.js';
export * from './store/reservation-row.js';
export * from './store/request-fingerprint.js';
export * from './store/group-commit.js';
export * from './store/sqlite-schema.js';
export * from './store/sqlite-order-store.js';
export * from './store/redis-order-store.js';
export * from './store/region-lease.js';
export * from './store/local-redis-server.js';
export { WalCheckpointer, type CheckpointStats, type WalCheckpointerOptions } from './store/wal-checkpointer.js';
// authentication and authorisation
export * from './auth/access-error.js';
export * from './auth/auth-error.js';
export * from './auth/forbidden-error.js';
export * from './auth/auth-input-error.js';
export * from './auth/auth-secret.js';
export * from './auth/auth-config.js';
export * from './auth/ttl.js';
export * from './auth/principal.js';
export * from './auth/token-claims.js';
export { TOKEN_ALGORITHM } from './auth/hmac-key.js';
export * from './auth/token-issuer.js';
export * from './auth/token-verifier.js';
export * from './auth/verified-token-cache.js';
export * from './auth/bearer-token.js';
export * from './auth/access-rules.js';
export * from './auth/access-policy.js';
export * from './auth/redact-auth.js';
export * from './auth/mint-token-arg-error.js';
export * from './auth/mint-token-args.js';
// observability
export * from './observability/service-metrics.js';
export * from './observability/logger.js';
export * from './observability/request-id.js';
// ingest adapters
export * from './ingest/ingest-error.js';
export { NdjsonLineSplitter, parseNdjsonLine, type NdjsonLine, type NdjsonLineSplitterOptions } from './ingest/ndjson-lines.js';
export { VALUE_CONVERSIONS, parseIsoInstantSec, type ValueConversion } from './ingest/ingest-values.js';
export { compileFieldMapping, type FieldMapping, type FieldMappingSpec, type FieldRuleSpec, type OrderIngestResult } from './ingest/field-mapping.js';
export type { WebhookAdapter, WebhookAdapterOptions } from './ingest/webhook-adapter.js';
export { DELIVERECT_ADAPTER } from './ingest/deliverect-adapter.js';
export { WEBHOOK_ADAPTERS, findWebhookAdapter } from './ingest/webhook-adapters.js';
// the service (issue 6)
export * from './api/api-types.js';
export * from './api/api-error.js';
export * from './api/body-checks.js';
export { OPENAPI_DOCUMENT } from './api/openapi.js';
export * from './service/service-options.js';
export * from './service/store-catalog.js';
export * from './service/rider-registry.js';
export * from './service/event-bus.js';
export * from './service/offer-book.js';
export * from './service/order-view.js';
export * from './service/dispatch-service.js';
export * from './service/dispatch-loop.js';
export * from './http/http-kit.js';
export * from './http/lean-routes.js';
export * from './http/lean-backend.js';
export * from './cluster/front-wire.js';
export * from './cluster/remote-lean-backend.js';
export { serveFront, type GatewayChannel } from './cluster/front-gateway.js';
export { startHttpFronts, FRONT_MAIN_PATH, type HttpFronts, type HttpFrontsOptions } from './cluster/http-fronts.js';
export * from './http/express-app.js';
// the live operations view (issue 8)
export * from './ops/ops-types.js';
export * from './ops/ops-kpis.js';
export * from './ops/ops-heat-cells.js';
export * from './ops/store-service-area.js';
export * from './ops/ops-snapshot.js';
export * from './http/ops-assets.js';
export * from './http/ops-routes.js';
export * from './http/ingest-routes.js';
export * from './dispatch-worker.js';
export * from './service-config.js';
export { DemoFeed, type DemoFeedOptions } from './demo/demo-feed.js';
/**
 * Absolute path of the service entry (`node <SERVICE_MAIN_PATH> --port 0 ...`): `dist/main.js`, or
 * `src/main.ts` when this module runs from source (then spawn it with the caller's `execArgv`).
 */
export const SERVICE_MAIN_PATH: string = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.js', import.meta.url));
export * from './store/worker-order-store.js';

export * from './scaleout/city-keys.js';
export * from './scaleout/instance-registry.js';
export * from './scaleout/region-directory.js';
export * from './scaleout/order-intake.js';
export * from './scaleout/reply-hub.js';
export * from './scaleout/region-host.js';
export * from './scaleout/region-runtime.js';
export * from './scaleout/region-router.js';
export * from './scaleout/scaleout-worker.js';
export * from './scaleout/failover-drill.js';
export * from './scaleout/border-riders.js';
export * from './service/rider-gate.js';
