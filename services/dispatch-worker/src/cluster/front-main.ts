/**
 * Entry point of an HTTP front (a node:cluster worker forked by {@link startHttpFronts}): reads
 * its configuration from `O2O_FRONT_CONFIG`, the signing secret from `O2O_AUTH_SECRET`, serves
 * until the writer says stop (or goes away), then exits.
 */
import { AuthSecret } from '../auth/auth-secret.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { createLogger } from '../observability/logger.js';
import { FRONT_CONFIG_ENV, type FrontConfig, type WriterMessage } from './front-wire.js';
import { startHttpFront } from './http-front.js';
import type { FrontChannel } from './remote-lean-backend.js';

const config = JSON.parse(process.env[FRONT_CONFIG_ENV] ?? 'null') as FrontConfig | null;
if (config === null || typeof process.send !== 'function') {
  console.error(`front-main: run by the dispatch-worker as a cluster worker (${FRONT_CONFIG_ENV} unset or no IPC channel)`);
  process.exit(2);
}
const logger = createLogger({ level: config.logLevel, name: 'dispatch-front' });
const channel = process as unknown as FrontChannel & { on(event: 'message', listener: (m: WriterMessage) => void): unknown };
const front = await startHttpFront({ config, verifier: new TokenVerifier({ secret: AuthSecret.fromEnv() }), logger, channel });

let stopping = false;
const stop = (code: number, graceMs?: number): void => {
  if (stopping) return;
  stopping = true;
  void front.stop(graceMs).finally(() => process.exit(code));
};
process.on('message', (m: WriterMessage) => {
  if (m.type === 'o2o:stop') stop(0);
});
// The writer died (or dropped the channel): nothing can be acknowledged any more.
process.on('disconnect', () => {
  front.backend.failAll();
  stop(1, 0);
});
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
