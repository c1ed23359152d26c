/**
 * @internal Capacity and bag-limit checks along one route. A route that is over a limit at several
 * stops yields one violation per limit: the first stop over it, and how many later stops are too.
 */
import type { VehicleInput } from '../problem-input.js';
import { show, type ViolationList, type ViolationRule } from './violations.js';

class FirstBreach {
  private first: string | undefined;
  private numMore = 0;

  constructor(private readonly rule: ViolationRule) {}

  add(message: string): void {
    if (this.first === undefined) this.first = message;
    else this.numMore++;
  }

  report(out: ViolationList): void {
    if (this.first === undefined) return;
    out.add(this.rule, this.numMore === 0 ? this.first : `${this.first} (and at ${this.numMore} later stop(s))`);
  }
}

/** Tracks the load limits of one vehicle's route; call {@link check} after each stop, then {@link report}. */
export class LoadLimits {
  private readonly capacityBreach = new FirstBreach('capacity');
  private readonly bagBreach = new FirstBreach('bag_limit');

  constructor(private readonly vehicle: VehicleInput) {}

  /** Load must be within `[0, capacity]` per dimension; orders on board at most `bagLimit`. */
  check(label: string, load: readonly number[], ordersOnBoard: number): void {
    const capacity = this.vehicle.capacity;
    const d = load.findIndex((x, dim) => x < 0 || x > (capacity[dim] ?? 0));
    if (d >= 0) {
      const x = load[d] ?? 0;
      const rule = x < 0 ? 'is negative' : `exceeds capacity ${show(capacity)}`;
      this.capacityBreach.add(`${label}: load ${show(load)} ${rule} in dimension ${d}`);
    }
    const bagLimit = this.vehicle.bagLimit;
    if (bagLimit !== undefined && ordersOnBoard > bagLimit) {
      this.bagBreach.add(`${label}: ${ordersOnBoard} orders on board, over the bag limit ${bagLimit}`);
    }
  }

  report(out: ViolationList): void {
    this.capacityBreach.report(out);
    this.bagBreach.report(out);
  }
}
