/**
 * Parallel regions: an epoch cut into regions (orders by region; riders near a border listed in
 * every region they can serve) is planned region by region on a piscina pool, then merged — a
 * rider matched in two regions keeps its cheaper assignment, and the other region's orders wait
 * for the next epoch.
 */
import { Piscina } from 'piscina';
import { DispatchInputError } from '../errors.js';
import type { EpochParams } from './epoch-params.js';
import { planEpoch, type EpochAssignment, type EpochPlan } from './plan-epoch.js';
import { subProblem, toEpochProblem, type EpochTask, type EpochTaskProblem } from './epoch-task.js';

const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const WORKER_URL = new URL(`./epoch-worker${EXT}`, import.meta.url);

/** Orders and riders of one region (indices into the whole problem). */
export interface EpochRegion {
  readonly key: string;
  readonly orders: readonly number[];
  readonly riders: readonly number[];
}

/** The merged plan of all regions. */
export interface RegionsPlan {
  readonly assignments: readonly EpochAssignment[];
  /** Assignments dropped because their rider was taken in another region. */
  readonly conflicts: number;
  readonly perRegion: ReadonlyArray<{ readonly key: string; readonly orders: number; readonly riders: number; readonly assignments: number }>;
}

/** Options of {@link EpochPool}. */
export interface EpochPoolOptions {
  /**
   * Plan on worker threads even with one thread, so the caller's event loop stays free (a
   * service answering requests while an epoch runs). Default: only when `threads > 1`.
   */
  readonly workers?: boolean;
  /**
   * Nice value (-20..19) of the planning threads: a service gives them 10 so that, when the cores
   * are contended, its request loop is scheduled before planning (profiles of the service under
   * load on 2 vCPUs showed its HTTP thread runnable but off-core for 10–35 ms at a time). Only
   * with worker threads; Linux applies it to each planning thread alone.
   */
  readonly threadNiceness?: number;
}

/** A reusable pool of epoch-planning threads (threads: 1 plans in-process unless `workers`). */
export class EpochPool {
  readonly threads: number;
  private readonly threadNiceness: number | undefined;
  private readonly pool: Piscina | null;

  constructor(threads: number, options: EpochPoolOptions = {}) {
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new DispatchInputError('INVALID_INPUT', 'threads', 'must be an integer in [1, 256]', threads);
    if (options.workers !== undefined && typeof options.workers !== 'boolean') throw new DispatchInputError('INVALID_INPUT', 'options.workers', 'must be a boolean', options.workers);
    const { threadNiceness } = options;
    if (threadNiceness !== undefined && (typeof threadNiceness !== 'number' || !Number.isInteger(threadNiceness) || threadNiceness < -20 || threadNiceness > 19)) {
      throw new DispatchInputError('INVALID_INPUT', 'options.threadNiceness', 'must be an integer in [-20, 19]', threadNiceness);
    }
    this.threadNiceness = threadNiceness;
    this.threads = threads;
    const workers = options.workers ?? threads > 1;
    this.pool = workers ? new Piscina({ filename: WORKER_URL.href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 }) : null;
  }

  /** True when plans run on worker threads. */
  get usesWorkers(): boolean {
    return this.pool !== null;
  }

  /** Plans every region (in parallel on the pool) and merges the plans. */
  async planRegions(problem: EpochTaskProblem, regions: readonly EpochRegion[], params: Partial<EpochParams> = {}): Promise<RegionsPlan> {
    const nice = this.pool === null || this.threadNiceness === undefined ? {} : { threadNiceness: this.threadNiceness };
    const tasks: EpochTask[] = regions.map((r) => ({ problem: subProblem(problem, r.orders, r.riders), params, ...nice }));
    // Largest regions first, so the pool's threads finish together.
    const byWork = tasks.map((t, i) => i).sort((a, b) => tasks[b]!.problem.orders.length - tasks[a]!.problem.orders.length);
    const plans = new Array<EpochPlan>(tasks.length);
    if (this.pool === null) {
      for (const i of byWork) plans[i] = planEpoch(toEpochProblem(tasks[i]!.problem), tasks[i]!.params);
    } else {
      const pool = this.pool;
      await Promise.all(byWork.map(async (i) => (plans[i] = (await pool.run(tasks[i])) as EpochPlan)));
    }
    return mergeRegionPlans(regions, plans);
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}

/** Merges region plans: each rider keeps its cheapest assignment (ties: the earlier region). */
export function mergeRegionPlans(regions: readonly EpochRegion[], plans: readonly EpochPlan[]): RegionsPlan {
  const best = new Map<number, { a: EpochAssignment; region: number }>();
  let total = 0;
  plans.forEach((plan, region) => {
    for (const a of plan.assignments) {
      total++;
      const prev = best.get(a.rider);
      if (prev === undefined || a.cost < prev.a.cost) best.set(a.rider, { a, region });
    }
  });
  const kept = [...best.values()].sort((x, y) => x.region - y.region || x.a.rider - y.a.rider).map((x) => x.a);
  return {
    assignments: kept,
    conflicts: total - kept.length,
    perRegion: regions.map((r, i) => ({ key: r.key, orders: r.orders.length, riders: r.riders.length, assignments: plans[i]!.assignments.length })),
  };
}
