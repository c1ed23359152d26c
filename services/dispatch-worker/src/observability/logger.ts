/**
 * The service's structured logger: pino, one JSON object per line, with credentials censored.
 *
 * ```ts
 * const log = createLogger({ level: config.logLevel, name: 'dispatch-worker' });
 * log.info({ orderId }, 'order created');
 * ```
 */
import { pino, type Logger } from 'pino';
import { REDACTED } from '../auth/auth-secret.js';
import { AUTH_REDACT_PATHS } from '../auth/redact-auth.js';

/** The logger {@link createLogger} returns. */
export type ServiceLogger = Logger;

export interface ServiceLoggerOptions {
  /** `fatal`, `error`, `warn`, `info` (default), `debug`, `trace` or `silent`. */
  readonly level?: string;
  /** A stream, or a file descriptor (written synchronously, as pino writes stdout); default stdout. */
  readonly destination?: NodeJS.WritableStream | number;
  /** Written as `name` on every line. */
  readonly name?: string;
}

/**
 * Paths censored in every log line: {@link AUTH_REDACT_PATHS} plus the service's secret setting
 * (`O2O_AUTH_SECRET`, as a field or inside a logged env/config object).
 */
export const LOG_REDACT_PATHS: readonly string[] = Object.freeze([
  ...new Set([
    ...AUTH_REDACT_PATHS,
    'headers.authorization',
    'req.headers.authorization',
    'token',
    'secret',
    'O2O_AUTH_SECRET',
    '*.O2O_AUTH_SECRET',
  ]),
]);

/** A pino logger writing JSON lines to `destination`, with {@link LOG_REDACT_PATHS} replaced by `[REDACTED]`. */
export function createLogger(options: ServiceLoggerOptions = {}): ServiceLogger {
  const settings = {
    level: options.level ?? 'info',
    ...(options.name === undefined ? {} : { name: options.name }),
    redact: { paths: [...LOG_REDACT_PATHS], censor: REDACTED },
  };
  const { destination } = options;
  if (destination === undefined) return pino(settings);
  if (typeof destination === 'number') return pino(settings, pino.destination({ dest: destination, sync: true }));
  return pino(settings, destination);
}
