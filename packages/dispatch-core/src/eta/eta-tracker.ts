/**
 * ETAs and lateness risk for every open order, kept up to date as riders move.
 *
 * - An order on a rider's route gets its pickup and drop-off predicted by replaying the rider's
 *   remaining stops from its current position and time, with the engine's timing rules (pickup
 *   at max(arrival + half the service, ready), drop-off at arrival + half the service).
 * - An order waiting for a rider gets its pickup predicted from the earliest rider that could
 *   reach its store (free now or soon), and its drop-off from the direct ride after that.
 * - Each prediction is checked against the promise (`isLatenessAlert`): an alert event fires when
 *   an order's prediction passes its promise, once, and a `lateness_cleared` event when it comes
 *   back; nothing repeats while the state is unchanged.
 */
import { isLatenessAlert, type EtaConfig } from '../config/eta-config.js';
import type { EpochTravelSec } from '../dispatch/epoch-problem.js';
import { DispatchInputError } from '../errors.js';

/** An open order the tracker follows. */
export interface TrackedOrder {
  readonly ref: number;
  readonly storeX: number;
  readonly storeY: number;
  readonly dropX: number;
  readonly dropY: number;
  readonly readyAt: number;
  readonly promisedBy: number;
}

/** A remaining stop of a rider's route. */
export interface EtaStop {
  readonly kind: 'pickup' | 'dropoff';
  /** Orders picked up (all of one store) or the one order dropped off. */
  readonly orders: readonly number[];
}

/** A rider as the tracker sees it. */
export interface TrackedRider {
  readonly ref: number;
  readonly x: number;
  readonly y: number;
  /** Instant of the position (and when the rider can start its next stop). */
  readonly at: number;
  /** Remaining stops, in order (empty: idle). */
  readonly stops: readonly EtaStop[];
}

/** What the tracker predicts for one order. */
export interface OrderEta {
  readonly ref: number;
  readonly pickupAt: number;
  readonly dropoffAt: number;
  /** The rider carrying or fetching it, or -1 while it waits for one. */
  readonly rider: number;
  readonly late: boolean;
}

/** A lateness event. */
export interface LatenessEvent {
  readonly type: 'lateness_alert' | 'lateness_cleared';
  readonly order: number;
  readonly at: number;
  readonly predictedDropoffAt: number;
  readonly promisedBy: number;
}

export interface EtaTrackerOptions {
  readonly eta: EtaConfig;
  readonly travelSec: EpochTravelSec;
  readonly pickupServiceSec: number;
  readonly dropoffServiceSec: number;
}

export class EtaTracker {
  private readonly orders = new Map<number, TrackedOrder>();
  private readonly riders = new Map<number, TrackedRider>();
  private readonly etas = new Map<number, OrderEta>();
  /** Orders currently in the alert state. */
  private readonly alerting = new Set<number>();

  constructor(private readonly o: EtaTrackerOptions) {
    for (const key of ['pickupServiceSec', 'dropoffServiceSec'] as const) {
      if (!Number.isFinite(o[key]) || o[key] < 0) throw new DispatchInputError('INVALID_INPUT', key, 'must be a finite number ≥ 0', o[key]);
    }
  }

  /** Starts following an order (or replaces its data). */
  upsertOrder(order: TrackedOrder): void {
    this.orders.set(order.ref, order);
  }

  /** Stops following an order (delivered or cancelled). */
  removeOrder(ref: number): void {
    this.orders.delete(ref);
    this.etas.delete(ref);
    this.alerting.delete(ref);
  }

  /** Sets a rider's position, instant and remaining stops (after a move or a new plan). */
  upsertRider(rider: TrackedRider): void {
    for (const [i, stop] of rider.stops.entries()) {
      for (const ref of stop.orders) {
        if (!this.orders.has(ref)) throw new DispatchInputError('UNKNOWN_REFERENCE', `rider ${rider.ref}.stops[${i}].orders`, 'must name orders the tracker follows', ref);
      }
    }
    this.riders.set(rider.ref, rider);
  }

  removeRider(ref: number): void {
    this.riders.delete(ref);
  }

  /** The last prediction of an order (after {@link refresh}). */
  etaOf(ref: number): OrderEta | undefined {
    return this.etas.get(ref);
  }

  /**
   * Recomputes every prediction at `now` and returns the lateness events since the last refresh
   * (sorted by order ref).
   */
  refresh(now: number): LatenessEvent[] {
    const halfPick = this.o.pickupServiceSec / 2;
    const halfDrop = this.o.dropoffServiceSec / 2;
    const travel = this.o.travelSec;
    const onRoute = new Set<number>();
    const next = new Map<number, OrderEta>();
    const riderFree: Array<{ ref: number; at: number; x: number; y: number }> = [];
    for (const r of this.riders.values()) {
      let t = Math.max(now, r.at);
      let x = r.x;
      let y = r.y;
      const pickupAt = new Map<number, number>();
      for (const stop of r.stops) {
        const first = this.orders.get(stop.orders[0]!)!;
        const [sx, sy] = stop.kind === 'pickup' ? [first.storeX, first.storeY] : [first.dropX, first.dropY];
        t += travel(x, y, sx, sy, r.ref);
        x = sx;
        y = sy;
        if (stop.kind === 'pickup') {
          let ready = 0;
          for (const ref of stop.orders) ready = Math.max(ready, this.orders.get(ref)!.readyAt);
          t = Math.max(t + halfPick, ready);
          for (const ref of stop.orders) {
            pickupAt.set(ref, t);
            onRoute.add(ref);
          }
          t += halfPick;
        } else {
          t += halfDrop;
          const ref = stop.orders[0]!;
          onRoute.add(ref);
          const order = this.orders.get(ref)!;
          // An order already on board was picked up before `now`.
          next.set(ref, { ref, pickupAt: pickupAt.get(ref) ?? now, dropoffAt: t, rider: r.ref, late: isLatenessAlert(t, order.promisedBy, this.o.eta) });
          t += halfDrop;
        }
      }
      riderFree.push({ ref: r.ref, at: t, x, y });
    }
    // Orders waiting for a rider: the earliest rider to reach the store once free, then direct.
    for (const order of this.orders.values()) {
      if (onRoute.has(order.ref)) continue;
      let arrive = Infinity;
      let by = -1;
      for (const f of riderFree) {
        const a = f.at + travel(f.x, f.y, order.storeX, order.storeY, f.ref);
        if (a < arrive || (a === arrive && f.ref < by)) {
          arrive = a;
          by = f.ref;
        }
      }
      if (by < 0) arrive = Math.max(now, order.readyAt);
      const pickupAt = Math.max(arrive + halfPick, order.readyAt);
      const dropoffAt = pickupAt + halfPick + travel(order.storeX, order.storeY, order.dropX, order.dropY, by) + halfDrop;
      next.set(order.ref, { ref: order.ref, pickupAt, dropoffAt, rider: -1, late: isLatenessAlert(dropoffAt, order.promisedBy, this.o.eta) });
    }
    const events: LatenessEvent[] = [];
    for (const eta of [...next.values()].sort((a, b) => a.ref - b.ref)) {
      const promisedBy = this.orders.get(eta.ref)!.promisedBy;
      if (eta.late && !this.alerting.has(eta.ref)) {
        this.alerting.add(eta.ref);
        events.push({ type: 'lateness_alert', order: eta.ref, at: now, predictedDropoffAt: eta.dropoffAt, promisedBy });
      } else if (!eta.late && this.alerting.has(eta.ref)) {
        this.alerting.delete(eta.ref);
        events.push({ type: 'lateness_cleared', order: eta.ref, at: now, predictedDropoffAt: eta.dropoffAt, promisedBy });
      }
    }
    this.etas.clear();
    for (const [ref, eta] of next) this.etas.set(ref, eta);
    return events;
  }
}
