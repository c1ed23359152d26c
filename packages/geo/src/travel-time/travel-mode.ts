/**
 * Travel modes of couriers and their default free-flow speeds and congestion sensitivities.
 */

/** How a courier moves. */
export type TravelMode = 'walk' | 'bike' | 'escooter' | 'car';

/** Every {@link TravelMode}, in a stable order. */
export const TRAVEL_MODES: readonly TravelMode[] = Object.freeze(['walk', 'bike', 'escooter', 'car']);

/**
 * Default free-flow speeds along the route, metres per second (urban averages including stops
 * at crossings, not top speeds):
 * walk 1.3 m/s (4.7 km/h), bike 4.2 m/s (15 km/h), e-scooter 5.5 m/s (20 km/h),
 * car 8.3 m/s (30 km/h, urban average).
 */
export const DEFAULT_SPEED_MPS: Readonly<Record<TravelMode, number>> = Object.freeze({
  walk: 1.3,
  bike: 4.2,
  escooter: 5.5,
  car: 8.3,
});

/**
 * Default share of road congestion each mode suffers, in [0, 1]. The speed multiplier of a mode
 * is `1 - sensitivity × (1 - factor)` where `factor` is the congestion profile's value, so
 * 1 feels the full slowdown (car), 0 ignores congestion (walkers are not slowed by traffic), and
 * bikes and e-scooters, which filter past queues on cycle lanes, feel half of it.
 */
export const DEFAULT_CONGESTION_SENSITIVITY: Readonly<Record<TravelMode, number>> = Object.freeze({
  walk: 0,
  bike: 0.5,
  escooter: 0.5,
  car: 1,
});

/** True when `value` names a {@link TravelMode}. */
export function isTravelMode(value: unknown): value is TravelMode {
  return typeof value === 'string' && (TRAVEL_MODES as readonly string[]).includes(value);
}
