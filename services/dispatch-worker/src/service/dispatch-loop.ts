/**
 * The dispatch loop: every `epochSec` it takes the orders waiting for a rider (status `ready`)
 * and the riders free to take them (on shift, located, empty-handed, no open offer, not cooling
 * down after a decline), builds a dispatch round (dispatch-core), plans it on a piscina pool
 * (worker threads: the HTTP event loop never runs the planning), and hands each assignment to the
 * service, which assigns the orders and sends the rider an offer. Epochs never overlap: a tick
 * that finds the previous epoch still running is skipped (and counted).
 */
import { EpochPool, buildDispatchRound, epochParamsFromConfig, roundAssignments, type RoundOrder, type RoundRider } from '@o2o/dispatch-core';
import type { H3Regions } from '@o2o/geo';
import type { DispatchService } from './dispatch-service.js';

/** What one epoch did. */

/** Nice value of the epoch-planning threads: background work next to the request loop. */
export const EPOCH_THREAD_NICENESS = 10;
export interface EpochReport {
  readonly at: number;
  readonly orders: number;
  readonly riders: number;
  readonly assignments: number;
  readonly ordersAssigned: number;
  readonly offersExpired: number;
  /** Lateness alerts raised or cleared this epoch. */
  readonly latenessEvents: number;
  readonly durationMs: number;
  /** Time on the worker thread (and waiting for it). */
  readonly planMs: number;
  /** Main-thread phases: collecting and building the round, applying assignments, ETAs. */
  readonly buildMs: number;
  readonly applyMs: number;
  readonly etaMs: number;
}

export interface DispatchLoopOptions {
  /** Seconds between epochs. Default 5. */
  readonly epochSec?: number;
  /** Planning threads (worker threads, never the event loop). Default 1. */
  readonly threads?: number;
  /**
   * A planning pool to share (several regions of one instance plan on one pool). The loop then
   * leaves it open when it stops; by default it makes its own and closes it.
   */
  readonly pool?: EpochPool;
  /** Cut big cities into H3 regions planned in parallel. Default: one region. */
  readonly regions?: H3Regions;
  /**
   * Runs at the start of every epoch, before riders are collected (e.g. sharing riders near a
   * region's border with its neighbours). A failure is reported to `onError`; the epoch goes on.
   */
  readonly beforeEpoch?: (now: number) => Promise<void>;
  /** Called after every epoch. */
  readonly onEpoch?: (report: EpochReport) => void;
  /** Called when an epoch fails (the loop keeps going). */
  readonly onError?: (error: unknown) => void;
}

export class DispatchLoop {
  readonly epochSec: number;
  private readonly pool: EpochPool;
  private readonly ownsPool: boolean;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<EpochReport> | undefined;
  private stopped = false;
  /** Totals since start. */
  readonly stats = { epochs: 0, skipped: 0, failed: 0, assignments: 0, ordersAssigned: 0 };
  last: EpochReport | undefined;

  constructor(
    private readonly service: DispatchService,
    private readonly options: DispatchLoopOptions = {},
  ) {
    this.epochSec = options.epochSec ?? 5;
    // Planning yields to the request loop when cores are contended (EpochPool.threadNiceness).
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new EpochPool(options.threads ?? 1, { workers: true, threadNiceness: EPOCH_THREAD_NICENESS });
  }

  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setInterval(() => this.tick(), this.epochSec * 1000);
    this.timer.unref();
  }

  /** One tick: run an epoch unless one is running. */
  tick(): void {
    if (this.running !== undefined) {
      this.stats.skipped++;
      return;
    }
    void this.runEpoch().catch((error: unknown) => {
      this.stats.failed++;
      this.options.onError?.(error);
    });
  }

  /** Runs one epoch now (waits for a running one first). */
  async runEpoch(): Promise<EpochReport> {
    while (this.running !== undefined) await this.running.catch(() => undefined);
    const run = this.epoch();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    if (this.ownsPool) await this.pool.close();
  }

  private async epoch(): Promise<EpochReport> {
    const started = performance.now();
    const service = this.service;
    const now = service.clock();
    const offersExpired = await service.expireOffers(now);
    if (this.options.beforeEpoch !== undefined) {
      try {
        await this.options.beforeEpoch(now);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
    const orders: RoundOrder[] = [];
    for (const o of service.activeOrders()) {
      if (o.status !== 'ready' || o.storeId === undefined) continue;
      orders.push({ id: o.id, storeId: o.storeId, dropOff: o.dropOff, placedAt: o.placedAt, readyAt: Math.max(o.placedAt, o.readyAt), promisedBy: o.promisedBy });
    }
    const riders: RoundRider[] = [];
    for (const r of service.riders.values()) {
      const p = r.profile;
      if (!p.onShift || r.locAt === 0 || r.orders.size > 0 || r.offerId !== undefined || r.coolDownUntil > now || p.shiftEnd <= now) continue;
      riders.push({ id: p.id, position: [r.lng, r.lat], freeAt: now, offAt: p.shiftEnd, ordersSoFar: 0, mode: p.mode });
    }
    let assignments = 0;
    let ordersAssigned = 0;
    let planMs = 0;
    let buildMs = 0;
    let applyMs = 0;
    if (orders.length > 0 && riders.length > 0) {
      const usedStores = new Map<string, { id: string; location: readonly [number, number] }>();
      for (const o of orders) {
        const s = service.catalog.get(o.storeId);
        if (s !== undefined) usedStores.set(s.id, s);
      }
      const round = buildDispatchRound({ now, orders, riders, stores: [...usedStores.values()], ...(this.options.regions === undefined ? {} : { regions: this.options.regions }) });
      const planStarted = performance.now();
      buildMs = planStarted - started;
      const plan = await this.pool.planRegions(round.problem, round.regions, epochParamsFromConfig(service.config.assignment));
      const applyStarted = performance.now();
      planMs = applyStarted - planStarted;
      const offers = await Promise.all(roundAssignments(round, plan).map((a) => service.applyAssignment(a, now)));
      for (const offer of offers) {
        if (offer !== undefined) {
          assignments++;
          ordersAssigned += offer.orderIds.length;
        }
      }
      applyMs = performance.now() - applyStarted;
    }
    const etaStarted = performance.now();
    const latenessEvents = service.refreshEtas(now);
    const etaMs = performance.now() - etaStarted;
    const report: EpochReport = { at: now, orders: orders.length, riders: riders.length, assignments, ordersAssigned, offersExpired, latenessEvents, durationMs: performance.now() - started, planMs, buildMs, applyMs, etaMs };
    this.stats.epochs++;
    this.stats.assignments += assignments;
    this.stats.ordersAssigned += ordersAssigned;
    this.last = report;
    const m = service.metrics;
    if (m !== undefined) {
      m.epochsTotal.inc();
      m.epochDuration.observe(report.durationMs / 1000);
      m.epochAssignments.inc(assignments);
      m.epochOrders.set(orders.length);
    }
    service.events.publish('epoch.completed', now, { data: { ...report } });
    this.options.onEpoch?.(report);
    return report;
  }
}
