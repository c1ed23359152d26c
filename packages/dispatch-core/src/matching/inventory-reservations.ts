/**
 * Holds stock for matched orders until pickup, across stores, without ever overselling:
 * `available = max(0, onHand − reserved)` per store and sku.
 *
 * A reservation takes every line of a plan at once or none of them (shortages come back as a
 * result), lives until it is committed (pickup: the units leave on-hand stock), released (cancel:
 * the units become available again) or expired (its hold timed out: released by the sweep
 * `releaseExpired(now)`, which `reserve` and `commit` also run first).
 *
 * A long-running service keeps one instance per process: `setStore` adds a store or takes a
 * merchant's recount, `restoreHeld` adopts the holds read back from a database after a restart,
 * and `retainEnded: false` forgets reservations once they end, so memory stays bounded.
 *
 * Every method runs to completion synchronously, so callers interleaved on the event loop (async
 * handlers awaiting between steps) each see a consistent state and cannot oversell: decide with
 * the result of `reserve`, not with an `availableOf` read from before an `await`.
 */
import { DispatchInputError } from '../errors.js';
import { isEpochSeconds, type DurationSec, type EpochSeconds } from '../model/epoch-seconds.js';
import { checkInventory, type Sku } from '../model/inventory.js';
import { EPOCH_SECONDS_RULE, IssueCollector } from '../model/issue-collector.js';
import type { Store } from '../model/store.js';
import { ReservationError } from './reservation-error.js';
import type { StockView } from './stock-view.js';

/** Units of one sku to hold at one store. A `PlanLine` of a `FulfilmentPlan` is one. */
export interface ReservationLine {
  readonly storeId: string;
  readonly sku: Sku;
  /** Integer ≥ 1. */
  readonly quantity: number;
}

/** What {@link InventoryReservations.reserve} takes; a `FulfilmentPlan` fits (it has `lines`). */
export interface ReserveRequest {
  /** Non-empty; lines with the same store and sku are summed. */
  readonly lines: readonly ReservationLine[];
  /** The order it is for (informational). */
  readonly orderId?: string;
  /** Hold time, integer seconds ≥ 1. Default: the instance's `defaultTtlSec`. */
  readonly ttlSec?: DurationSec;
}

/** `held` until exactly one of `committed`, `released` or `expired` (all final). */
export type ReservationStatus = 'held' | 'committed' | 'released' | 'expired';

/** A reservation as last seen (a frozen snapshot). */
export interface Reservation {
  readonly id: string;
  readonly orderId?: string;
  /** Summed per store and sku, in first-seen order. */
  readonly lines: readonly ReservationLine[];
  readonly status: ReservationStatus;
  readonly createdAt: EpochSeconds;
  /** The hold ends at this instant (expired when `now >= expiresAt`). */
  readonly expiresAt: EpochSeconds;
  /** When it left `held` (time of commit/release call, or `expiresAt` for an expiry). */
  readonly endedAt?: EpochSeconds;
}

/** A line that does not fit: `requested` units asked, `available` units free at that store. */
export interface StoreStockShortage {
  readonly storeId: string;
  readonly sku: Sku;
  readonly requested: number;
  readonly available: number;
}

/** Result of {@link InventoryReservations.reserve}. */
export type ReserveResult =
  | { readonly ok: true; readonly reservation: Reservation }
  | { readonly ok: false; readonly shortages: readonly StoreStockShortage[] };

/** Result of {@link InventoryReservations.release}. */
export interface ReleaseResult {
  /** True when this call released the units; false when it was no longer held (idempotent). */
  readonly released: boolean;
  readonly reservation: Reservation;
}

/** Options of {@link InventoryReservations}. */
export interface InventoryReservationsOptions {
  /** Hold time of a reservation that gives none, integer seconds ≥ 1. Default 900 (15 min). */
  readonly defaultTtlSec?: DurationSec;
  /**
   * Prefix of reservation ids (`res-1`, `res-2`, …). Default `res-`. It must be empty or end with
   * a non-digit, so instances with different prefixes never issue the same id (`p1` + `2` and
   * `p` + `12` would). The sequence restarts at 1 with every instance, so a service
   * that stores ids (in a database, in messages) must use a prefix unique per process start, e.g.
   * `res-${bootId}-` with a random or time-based boot id; otherwise ids from before a restart come
   * again for other reservations.
   */
  readonly idPrefix?: string;
  /**
   * Keep reservations after they end (committed, released, expired), so `find`, `get` and
   * `reservations()` still report them. Default true. With false a reservation is forgotten as it
   * ends: the call that ends it (`commit`, `release`, `releaseExpired`, or the sweep of
   * `reserve`) still returns its final snapshot, but afterwards `find` returns undefined and
   * `get`, `release` and `commit` throw `UNKNOWN_RESERVATION` (a retried commit included: the
   * service records the outcome itself). Use false in a long-running service, where ended
   * reservations would otherwise accumulate forever; memory then grows only with the held ones.
   */
  readonly retainEnded?: boolean;
}

/** Default hold time of a reservation, seconds. */
export const DEFAULT_RESERVATION_TTL_SEC = 900;

interface StockCell {
  onHand: number;
  reserved: number;
}

/** See the module doc. Also a {@link StockView}: pass it to the matcher as `stock`. */
export class InventoryReservations implements StockView {
  private readonly cells = new Map<string, Map<Sku, StockCell>>();
  private readonly all = new Map<string, Reservation>();
  private readonly held = new Map<string, Reservation>();
  private readonly defaultTtlSec: DurationSec;
  private readonly idPrefix: string;
  private readonly retainEnded: boolean;
  private nextSeq = 1;
  /** No held reservation expires before this (a lower bound: the sweep is skipped until then). */
  private earliestExpiresAt = Infinity;

  /**
   * Starts from the stores' on-hand stock (nothing reserved).
   * @throws {DispatchInputError} for a duplicate or empty store id, an invalid inventory or option.
   */
  constructor(stores: readonly Pick<Store, 'id' | 'inventory'>[], options: InventoryReservationsOptions = {}) {
    const issues = new IssueCollector();
    if (issues.checkArray('stores', stores)) {
      stores.forEach((s, i) => {
        if (!issues.checkObject(`stores[${i}]`, s)) return;
        if (!issues.checkNonEmptyString(`stores[${i}].id`, s.id)) return;
        if (this.cells.has(s.id)) issues.add('DUPLICATE_ID', `stores[${i}].id`, 'must be unique among stores', s.id);
        const inventory = checkInventory(issues, `stores[${i}].inventory`, s.inventory);
        const skus = new Map<Sku, StockCell>();
        for (const [sku, onHand] of Object.entries(inventory ?? {})) skus.set(sku, { onHand, reserved: 0 });
        if (!this.cells.has(s.id)) this.cells.set(s.id, skus);
      });
    }
    this.defaultTtlSec = options.defaultTtlSec ?? DEFAULT_RESERVATION_TTL_SEC;
    issues.checkPositiveInteger('options.defaultTtlSec', this.defaultTtlSec);
    this.idPrefix = options.idPrefix ?? 'res-';
    if (typeof this.idPrefix !== 'string' || /[0-9]$/.test(this.idPrefix)) {
      issues.invalid('options.idPrefix', 'must be a string that is empty or ends with a non-digit', this.idPrefix);
    }
    this.retainEnded = options.retainEnded ?? true;
    if (typeof this.retainEnded !== 'boolean') issues.invalid('options.retainEnded', 'must be a boolean', this.retainEnded);
    issues.throwIfAny();
  }

  /**
   * Adds a store not known yet, or replaces the on-hand counts of a known one (a merchant
   * recounted its stock: skus not listed now have 0 on hand). Units currently reserved stay
   * reserved, so `available = max(0, onHand − reserved)` with the new counts; a later commit
   * takes at most what is on hand (on hand never goes below 0).
   * @throws {DispatchInputError} for an empty store id or an invalid inventory (nothing changes).
   */
  setStore(store: Pick<Store, 'id' | 'inventory'>): void {
    const issues = new IssueCollector();
    const inventory = issues.checkObject('store', store) && issues.checkNonEmptyString('store.id', store.id) ? checkInventory(issues, 'store.inventory', store.inventory) : undefined;
    issues.throwIfAny();
    const before = this.cells.get(store.id);
    const skus = new Map<Sku, StockCell>();
    for (const [sku, onHand] of Object.entries(inventory!)) skus.set(sku, { onHand, reserved: before?.get(sku)?.reserved ?? 0 });
    for (const [sku, cell] of before ?? []) if (cell.reserved > 0 && !skus.has(sku)) skus.set(sku, { onHand: 0, reserved: cell.reserved });
    this.cells.set(store.id, skus);
  }

  /**
   * Adopts held reservations read back after a restart (e.g. from a database): each keeps its id,
   * order id, lines, `createdAt` and `expiresAt`, and its units are reserved again. All or none:
   * nothing changes when any is invalid. No stock check is made (the holds were granted before);
   * when the counts do not cover them, `available` is 0. Holds already past `expiresAt` expire at
   * the next sweep. An id of this instance's form (`idPrefix` + number) moves the id sequence past
   * it, so new ids never repeat a restored one.
   * @throws {DispatchInputError} for a reservation that is not `held` (INVALID_INPUT), a store the
   *   instance does not know (UNKNOWN_REFERENCE), an id already known or given twice
   *   (DUPLICATE_ID), or invalid lines or times.
   */
  restoreHeld(reservations: readonly Reservation[]): Reservation[] {
    const restored = this.checkRestore(reservations);
    for (const r of restored) {
      for (const line of r.lines) this.cellOf(line.storeId, line.sku).reserved += line.quantity;
      this.all.set(r.id, r);
      this.held.set(r.id, r);
      this.earliestExpiresAt = Math.min(this.earliestExpiresAt, r.expiresAt);
      const seq = r.id.startsWith(this.idPrefix) ? r.id.slice(this.idPrefix.length) : '';
      if (/^[1-9][0-9]{0,15}$/.test(seq)) this.nextSeq = Math.max(this.nextSeq, Number(seq) + 1);
    }
    return restored;
  }

  /** Units of `sku` at `storeId` a new reservation may take: max(0, on hand − reserved) (0 if unknown). */
  availableOf(storeId: string, sku: Sku): number {
    const cell = this.cells.get(storeId)?.get(sku);
    return cell === undefined ? 0 : Math.max(0, cell.onHand - cell.reserved);
  }

  /** Units of `sku` physically at `storeId` (committed units are gone). */
  onHandOf(storeId: string, sku: Sku): number {
    return this.cells.get(storeId)?.get(sku)?.onHand ?? 0;
  }

  /** Units of `sku` at `storeId` held by reservations. */
  reservedOf(storeId: string, sku: Sku): number {
    return this.cells.get(storeId)?.get(sku)?.reserved ?? 0;
  }

  /** Reservations currently held. */
  get numHeld(): number {
    return this.held.size;
  }

  /**
   * Every reservation known (optionally only those in `status`), in creation order: the held ones,
   * and the ended ones unless `retainEnded` is false.
   */
  reservations(status?: ReservationStatus): Reservation[] {
    return [...this.all.values()].filter((r) => status === undefined || r.status === status);
  }

  /** The reservation `id`, or undefined. */
  find(id: string): Reservation | undefined {
    return this.all.get(id);
  }

  /** The reservation `id`. @throws {ReservationError} `UNKNOWN_RESERVATION`. */
  get(id: string): Reservation {
    const r = this.all.get(id);
    if (r === undefined) throw new ReservationError('UNKNOWN_RESERVATION', id, `reservation ${JSON.stringify(id)} does not exist`);
    return r;
  }

  /**
   * Holds every line of `request` until `now + ttlSec`, or nothing: when any line does not fit,
   * returns `{ ok: false, shortages }` (every short line) and changes nothing. Expired holds are
   * released first.
   * @throws {DispatchInputError} for an invalid request or `now`, or a store id it does not know
   *   (`UNKNOWN_REFERENCE`).
   */
  reserve(request: ReserveRequest, now: EpochSeconds): ReserveResult {
    const { lines, ttlSec } = this.checkRequest(request, now);
    this.releaseExpired(now);
    const shortages: StoreStockShortage[] = [];
    for (const line of lines) {
      const available = this.availableOf(line.storeId, line.sku);
      if (line.quantity > available) shortages.push(Object.freeze({ storeId: line.storeId, sku: line.sku, requested: line.quantity, available }));
    }
    if (shortages.length > 0) return { ok: false, shortages: Object.freeze(shortages) };
    for (const line of lines) this.cellOf(line.storeId, line.sku).reserved += line.quantity;
    const reservation: Reservation = Object.freeze({
      id: `${this.idPrefix}${this.nextSeq++}`,
      ...(request.orderId === undefined ? {} : { orderId: request.orderId }),
      lines,
      status: 'held',
      createdAt: now,
      expiresAt: now + ttlSec,
    });
    this.all.set(reservation.id, reservation);
    this.held.set(reservation.id, reservation);
    this.earliestExpiresAt = Math.min(this.earliestExpiresAt, reservation.expiresAt);
    return { ok: true, reservation };
  }

  /**
   * Gives the units of a held reservation back (the order was cancelled or re-matched).
   * Idempotent: on a reservation already released, expired or committed it changes nothing and
   * returns `released: false` (committed units have left the store and are not put back).
   * @throws {ReservationError} `UNKNOWN_RESERVATION`.
   * @throws {DispatchInputError} for an invalid `now`.
   */
  release(id: string, now: EpochSeconds): ReleaseResult {
    assertNow(now);
    const r = this.get(id);
    if (r.status !== 'held') return { released: false, reservation: r };
    return { released: true, reservation: this.finish(r, 'released', now) };
  }

  /**
   * Pickup: the reserved units leave the store's on-hand stock. The stock moves once only: a
   * second commit of the same id throws `ALREADY_COMMITTED` and changes nothing, so a retried
   * commit is safe (treat that code as success).
   * @throws {ReservationError} `UNKNOWN_RESERVATION`, `ALREADY_COMMITTED`, `RESERVATION_RELEASED`,
   *   `RESERVATION_EXPIRED` (also when `now >= expiresAt` and no sweep ran yet).
   * @throws {DispatchInputError} for an invalid `now`.
   */
  commit(id: string, now: EpochSeconds): Reservation {
    assertNow(now);
    const r = this.get(id);
    const current = r.status === 'held' && now >= r.expiresAt ? this.finish(r, 'expired', r.expiresAt) : r;
    if (current.status === 'committed') throw new ReservationError('ALREADY_COMMITTED', id, `reservation ${JSON.stringify(id)} is already committed`);
    if (current.status === 'released') throw new ReservationError('RESERVATION_RELEASED', id, `reservation ${JSON.stringify(id)} was released and cannot be committed`);
    if (current.status === 'expired') {
      throw new ReservationError('RESERVATION_EXPIRED', id, `reservation ${JSON.stringify(id)} expired at ${current.expiresAt} and cannot be committed`);
    }
    for (const line of current.lines) {
      const cell = this.cellOf(line.storeId, line.sku);
      // A recount (setStore) may have left fewer units on hand than were reserved.
      cell.onHand = Math.max(0, cell.onHand - line.quantity);
    }
    return this.finish(current, 'committed', now);
  }

  /** Releases every held reservation with `expiresAt <= now`; returns them (now `expired`). */
  releaseExpired(now: EpochSeconds): Reservation[] {
    assertNow(now);
    const expired: Reservation[] = [];
    if (now < this.earliestExpiresAt) return expired;
    let earliest = Infinity;
    for (const r of [...this.held.values()]) {
      if (r.expiresAt <= now) expired.push(this.finish(r, 'expired', r.expiresAt));
      else earliest = Math.min(earliest, r.expiresAt);
    }
    this.earliestExpiresAt = earliest;
    return expired;
  }

  /** Moves a held reservation to a final status (forgotten unless retainEnded); released and expired units go back. */
  private finish(r: Reservation, status: Exclude<ReservationStatus, 'held'>, endedAt: EpochSeconds): Reservation {
    for (const line of r.lines) this.cellOf(line.storeId, line.sku).reserved -= line.quantity;
    const done: Reservation = Object.freeze({ ...r, status, endedAt });
    this.held.delete(r.id);
    if (this.retainEnded) this.all.set(r.id, done);
    else this.all.delete(r.id);
    return done;
  }

  private cellOf(storeId: string, sku: Sku): StockCell {
    const skus = this.cells.get(storeId)!;
    let cell = skus.get(sku);
    if (cell === undefined) skus.set(sku, (cell = { onHand: 0, reserved: 0 }));
    return cell;
  }

  /** Validates a request; returns its lines summed per store and sku, and its hold time. */
  private checkRequest(request: ReserveRequest, now: EpochSeconds): { lines: readonly ReservationLine[]; ttlSec: number } {
    const issues = new IssueCollector();
    issues.checkEpochSeconds('now', now);
    let lines: readonly ReservationLine[] = [];
    if (issues.checkObject('request', request)) {
      lines = this.checkLines(issues, 'request.lines', request.lines);
      if (request.orderId !== undefined) issues.checkNonEmptyString('request.orderId', request.orderId);
    }
    const ttlSec = request?.ttlSec ?? this.defaultTtlSec;
    issues.checkPositiveInteger('request.ttlSec', ttlSec);
    issues.throwIfAny();
    return { lines, ttlSec };
  }

  /** Validated lines (a non-empty array of known stores), summed per store and sku in first-seen order. */
  private checkLines(issues: IssueCollector, field: string, value: unknown): readonly ReservationLine[] {
    const summed = new Map<string, ReservationLine>();
    if (!issues.checkArray(field, value, true)) return [];
    value.forEach((line: unknown, i) => {
      const f = `${field}[${i}]`;
      if (!issues.checkObject(f, line)) return;
      const { storeId, sku, quantity } = line;
      const okStore = issues.checkNonEmptyString(`${f}.storeId`, storeId);
      if (okStore && !this.cells.has(storeId)) issues.add('UNKNOWN_REFERENCE', `${f}.storeId`, 'must be the id of a store of the reservations', storeId);
      const okSku = issues.checkNonEmptyString(`${f}.sku`, sku);
      if (!issues.checkPositiveInteger(`${f}.quantity`, quantity) || !okSku || !okStore) return;
      const key = JSON.stringify([storeId, sku]);
      const q = (summed.get(key)?.quantity ?? 0) + quantity;
      summed.set(key, Object.freeze({ storeId, sku, quantity: q }));
    });
    return Object.freeze([...summed.values()]);
  }

  /** Validates reservations to restore; returns frozen copies (lines summed), all held. */
  private checkRestore(reservations: readonly Reservation[]): Reservation[] {
    const issues = new IssueCollector();
    const out: Reservation[] = [];
    const ids = new Set<string>();
    if (!issues.checkArray('reservations', reservations)) issues.throwIfAny();
    reservations.forEach((r: unknown, i) => {
      const f = `reservations[${i}]`;
      if (!issues.checkObject(f, r)) return;
      const before = issues.numFound;
      if (issues.checkNonEmptyString(`${f}.id`, r.id)) {
        if (this.all.has(r.id) || ids.has(r.id)) issues.add('DUPLICATE_ID', `${f}.id`, 'must not be the id of a reservation already known', r.id);
        ids.add(r.id);
      }
      if (r.status !== 'held') issues.invalid(`${f}.status`, "must be 'held' (only held reservations are restored)", r.status);
      if (r.orderId !== undefined) issues.checkNonEmptyString(`${f}.orderId`, r.orderId);
      const lines = this.checkLines(issues, `${f}.lines`, r.lines);
      const createdAt = issues.checkEpochSeconds(`${f}.createdAt`, r.createdAt) ? r.createdAt : undefined;
      if (issues.checkEpochSeconds(`${f}.expiresAt`, r.expiresAt) && createdAt !== undefined && r.expiresAt <= createdAt) {
        issues.invalid(`${f}.expiresAt`, `must be greater than createdAt (${createdAt})`, r.expiresAt);
      }
      if (issues.numFound > before) return;
      const { id, orderId, createdAt: created, expiresAt } = r as unknown as Reservation;
      out.push(Object.freeze({ id, ...(orderId === undefined ? {} : { orderId }), lines, status: 'held', createdAt: created, expiresAt }));
    });
    issues.throwIfAny();
    return out;
  }
}

function assertNow(now: unknown): asserts now is EpochSeconds {
  if (!isEpochSeconds(now)) throw new DispatchInputError('INVALID_INPUT', 'now', EPOCH_SECONDS_RULE, now);
}
