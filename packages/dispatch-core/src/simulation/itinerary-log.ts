/**
 * The courier itinerary log, the format an independent checker reads ({@link checkItinerary}):
 *
 * ```json
 * {"couriers":[{"courier":"c1","events":[
 *    {"type":"move","departAt":t,"to":"r5"},
 *    {"type":"pickup","at":t,"assignedAt":t,"restaurant":"r5","orders":["o1","o2"]},
 *    {"type":"dropoff","at":t,"order":"o1"}]}],
 *  "unassigned":["o9"]}
 * ```
 *
 * Ids are the instance's; `to` is a store id or an order id (that order's customer). Instants are
 * in `timeUnitSec` units: 60 writes MDRP minutes (the simulator works in seconds).
 */
import type { SimInstance } from './sim-instance.js';
import type { SimResult } from './sim-result.js';

/** The courier leaves where it is at `departAt` for `to` (a store id, or an order id: its customer). */
export interface ItineraryMove {
  readonly type: 'move';
  readonly departAt: number;
  readonly to: string;
}

/** The courier picks up `orders` at `restaurant` at `at`; they were assigned at `assignedAt`. */
export interface ItineraryPickup {
  readonly type: 'pickup';
  readonly at: number;
  readonly assignedAt: number;
  readonly restaurant: string;
  readonly orders: readonly string[];
}

/** The courier drops `order` off at its customer at `at`. */
export interface ItineraryDropoff {
  readonly type: 'dropoff';
  readonly at: number;
  readonly order: string;
}

/** One entry of a courier's logged itinerary. */
export type ItineraryEvent = ItineraryMove | ItineraryPickup | ItineraryDropoff;

/** One courier's events, in time order. */
export interface CourierItinerary {
  readonly courier: string;
  readonly events: readonly ItineraryEvent[];
}

/** A whole run: every courier with events, and the orders never assigned. */
export interface ItineraryLog {
  readonly couriers: readonly CourierItinerary[];
  /** Orders no courier was given. */
  readonly unassigned: readonly string[];
}

/** Time unit of MDRP logs: instants in minutes. */
export const MDRP_TIME_UNIT_SEC = 60;

/** Options of {@link toItineraryLog}. */
export interface ItineraryLogOptions {
  /** Seconds per time unit of the log (default 1: seconds; {@link MDRP_TIME_UNIT_SEC} for minutes). */
  readonly timeUnitSec?: number;
}

/** Writes a simulation's itineraries as an {@link ItineraryLog}; couriers without events are left out. */
export function toItineraryLog(instance: SimInstance, result: SimResult, options: ItineraryLogOptions = {}): ItineraryLog {
  const unit = options.timeUnitSec ?? 1;
  const t = (sec: number) => sec / unit;
  const orderId = (o: number) => instance.orders[o]!.id;
  const couriers: CourierItinerary[] = [];
  result.itineraries.forEach((events, c) => {
    if (events.length === 0) return;
    couriers.push({
      courier: instance.couriers[c]!.id,
      events: events.map((e): ItineraryEvent => {
        switch (e.type) {
          case 'move':
            return { type: 'move', departAt: t(e.departAt), to: e.to.kind === 'store' ? instance.stores[e.to.store]!.id : orderId(e.to.order) };
          case 'pickup':
            return { type: 'pickup', at: t(e.at), assignedAt: t(e.assignedAt), restaurant: instance.stores[e.store]!.id, orders: e.orders.map(orderId) };
          case 'dropoff':
            return { type: 'dropoff', at: t(e.at), order: orderId(e.order) };
        }
      }),
    });
  });
  return { couriers, unassigned: result.unassigned.map(orderId) };
}
