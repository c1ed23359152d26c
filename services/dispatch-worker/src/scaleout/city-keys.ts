/**
 * Key names of a city run on several instances (see docs/scaling.md). City-wide keys live under
 * `o2o:{<city>}:` (one Redis Cluster slot): the instance registry, the region set and the
 * directory. Each region is its own store namespace `<city>.<region>`, so its keys — orders,
 * reservations, the region lease and the intake stream — share one slot of their own, and the
 * regions of a city spread over a Redis Cluster.
 */
import { DispatchInputError } from '@o2o/dispatch-core';

export const CITY_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** @throws {DispatchInputError} naming `field` when `city` is not 1 to 40 of A-Z a-z 0-9 _ -. */
export function checkCity(city: unknown, field = 'city'): string {
  if (typeof city !== 'string' || !CITY_PATTERN.test(city)) throw new DispatchInputError('INVALID_INPUT', field, 'must be 1 to 40 characters of A-Z, a-z, 0-9, "_" or "-"', city);
  return city;
}

/** `o2o:{<city>}:`, the prefix of the city-wide keys. */
export function cityPrefix(city: string): string {
  return `o2o:{${city}}:`;
}

/** The store namespace of one region (`RedisOrderStore` prefix `o2o:{<city>.<region>}:`). */
export function regionNamespace(city: string, region: string): string {
  return `${city}.${region}`;
}

/** The key prefix of a region's store (what `RedisOrderStore.open({ namespace })` uses). */
export function regionPrefix(city: string, region: string): string {
  return `o2o:{${regionNamespace(city, region)}}:`;
}

/** The region's order intake stream. */
export function intakeStreamKey(city: string, region: string): string {
  return `${regionPrefix(city, region)}intake`;
}

/** The pub/sub channel an instance gets its intake replies on. */
export function replyChannel(city: string, instanceId: string): string {
  return `${cityPrefix(city)}reply:${instanceId}`;
}
