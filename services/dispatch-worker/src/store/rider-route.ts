/**
 * A rider's current planned route: the stops still ahead, in order, as the dispatch loop last
 * planned them. Stored as JSON; the planning itself lives in dispatch-core.
 */
import { assertLngLat, type LngLat } from '@o2o/geo';
import { DispatchInputError, type EpochSeconds } from '@o2o/dispatch-core';
import { checkArray, checkEpochSeconds, checkPlainObject, checkStoreId } from './store-input-checks.js';

/** Kinds of {@link RouteStop}. */
export const ROUTE_STOP_KINDS = ['pickup', 'dropoff'] as const;

/** `pickup` at the order's store or `dropoff` at its customer. */
export type RouteStopKind = (typeof ROUTE_STOP_KINDS)[number];

/** One planned stop. */
export interface RouteStop {
  readonly kind: RouteStopKind;
  readonly orderId: string;
  /** Where the stop is, `[lng, lat]`. */
  readonly location?: LngLat;
  /** Planned arrival, integer Unix epoch seconds. */
  readonly etaAt?: EpochSeconds;
}

/** A rider's planned stops; an empty list means the rider has no route. */
export interface RiderRoute {
  readonly riderId: string;
  readonly stops: readonly RouteStop[];
  /** When it was planned, integer Unix epoch seconds. */
  readonly updatedAt: EpochSeconds;
}

/**
 * Validates a route and returns a frozen copy holding only the known fields.
 * @throws {DispatchInputError} naming the first broken rule (e.g. `route.stops[2].kind`).
 */
export function validateRiderRoute(input: unknown, field = 'route'): RiderRoute {
  checkPlainObject(field, input);
  checkStoreId(`${field}.riderId`, input.riderId);
  checkEpochSeconds(`${field}.updatedAt`, input.updatedAt);
  checkArray(`${field}.stops`, input.stops);
  const stops = input.stops.map((stop, i) => validateRouteStop(stop, `${field}.stops[${i}]`));
  return Object.freeze({ riderId: input.riderId, stops: Object.freeze(stops), updatedAt: input.updatedAt });
}

function validateRouteStop(input: unknown, field: string): RouteStop {
  checkPlainObject(field, input);
  const { kind, orderId, location, etaAt } = input;
  if (!(ROUTE_STOP_KINDS as readonly unknown[]).includes(kind)) {
    throw new DispatchInputError('INVALID_INPUT', `${field}.kind`, `must be one of ${ROUTE_STOP_KINDS.map((k) => `'${k}'`).join(', ')}`, kind);
  }
  checkStoreId(`${field}.orderId`, orderId);
  if (location !== undefined) {
    try {
      assertLngLat(`${field}.location`, location);
    } catch (error) {
      throw new DispatchInputError('INVALID_COORDINATE', `${field}.location`, 'must be a valid [lng, lat] pair', location, { cause: error });
    }
  }
  if (etaAt !== undefined) checkEpochSeconds(`${field}.etaAt`, etaAt);
  return Object.freeze({
    kind: kind as RouteStopKind,
    orderId,
    ...(location === undefined ? {} : { location: Object.freeze([location[0], location[1]] as const) }),
    ...(etaAt === undefined ? {} : { etaAt }),
  });
}
