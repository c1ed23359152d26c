/** Token lifetimes: `90` (seconds), `90s`, `15m`, `12h`, `7d`. */
import { AuthInputError } from './auth-input-error.js';

/** A token lifetime: whole seconds, or a string such as `90s`, `15m`, `12h`, `7d`. */
export type Ttl = number | string;

const UNIT_SEC: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };

const TTL_PATTERN = /^(\d{1,9})\s*([smhd]?)$/;

/**
 * Seconds in a {@link Ttl}, checked against `maxSec`.
 * @throws {AuthInputError} `INVALID_TTL` naming `field` when not a positive whole duration ≤ `maxSec`.
 */
export function parseTtl(ttl: Ttl, maxSec: number, field = 'ttl'): number {
  let seconds = Number.NaN;
  if (typeof ttl === 'number') {
    seconds = ttl;
  } else if (typeof ttl === 'string') {
    const match = TTL_PATTERN.exec(ttl.trim());
    if (match !== null) seconds = Number(match[1]) * (UNIT_SEC[match[2] || 's'] ?? Number.NaN);
  }
  if (!Number.isSafeInteger(seconds) || seconds < 1) {
    throw new AuthInputError('INVALID_TTL', field, 'must be a positive duration such as 90, 90s, 15m, 12h or 7d', ttl);
  }
  if (seconds > maxSec) {
    throw new AuthInputError('INVALID_TTL', field, `must be at most ${formatDurationSec(maxSec)} (${maxSec} s)`, ttl);
  }
  return seconds;
}

/** `43200` → `12h`; the largest unit that divides the duration exactly. */
export function formatDurationSec(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60]] as const) {
    if (seconds % size === 0 && seconds >= size) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
