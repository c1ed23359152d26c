/**
 * A VRPTW (Solomon) or PDPTW (Li & Lim) benchmark instance as read from its file, in the file's
 * own units: integer coordinates, times and demands. Node ids are the file's ids and equal the
 * node's index (the parsers check it): node 0 is the depot.
 */

/** Text format of an instance file. */
export type InstanceFormat = 'solomon' | 'lilim';

/** `--format` values: a format, or `auto` (detected from the file's text). */
export type InstanceFormatOption = InstanceFormat | 'auto';

export const INSTANCE_FORMAT_OPTIONS: readonly InstanceFormatOption[] = ['solomon', 'lilim', 'auto'];

/** One row of the file: the depot (id 0) or a customer / task. */
export interface VrpNode {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  /**
   * Load change at the node. Solomon: the customer's demand (≥ 0, delivered from the depot).
   * Li & Lim: > 0 at a pickup, < 0 at a delivery (minus its pickup's demand).
   */
  readonly demand: number;
  /** Earliest service start (waiting allowed before it). */
  readonly readyTime: number;
  /** Latest service start; for the depot, the latest return. */
  readonly dueTime: number;
  readonly serviceTime: number;
  /** Li & Lim delivery: id of its pickup; 0 otherwise. */
  readonly pickupId: number;
  /** Li & Lim pickup: id of its delivery; 0 otherwise. */
  readonly deliveryId: number;
}

export interface VrpInstance {
  /** Instance name: the file name without extension (`C101`, `lc101`), as in the BKS tables. */
  readonly name: string;
  readonly format: InstanceFormat;
  /** Number of vehicles available (K). */
  readonly fleetSize: number;
  /** Capacity of every vehicle (Q). */
  readonly capacity: number;
  /** `nodes[i].id === i`; `nodes[0]` is the depot. */
  readonly nodes: readonly VrpNode[];
}

/** A route as node ids in visit order, depot left out at both ends. */
export type NodeRoute = readonly number[];
