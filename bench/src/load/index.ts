/**
 * The load bench's building blocks, for its tests (imported as '@o2o/bench/load'): the latency
 * histogram, the open-loop generator and its worker thread, the /proc memory reader, the
 * Prometheus text reader and the seeded city. Re-exports only; the service process, the setup
 * calls and the autocannon stream (which need the real service) are left out.
 */
export * from './http1-connection.js';
export * from './http1-response-parser.js';
export * from './latency-histogram.js';
export * from './load-city.js';
export * from './open-loop-generator.js';
export * from './order-generator-messages.js';
export * from './order-generator-thread.js';
export * from './process-cpu.js';
export * from './process-memory.js';
export * from './process-tree.js';
export * from './prometheus-text.js';
export * from './rss-sampler.js';
