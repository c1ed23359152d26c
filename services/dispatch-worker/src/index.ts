/** @o2o/dispatch-worker: the dispatch microservice (issue #6, in progress); see README.md. */
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
