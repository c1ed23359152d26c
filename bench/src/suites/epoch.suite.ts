/**
 * The dispatch-epoch bench behind `o2o-bench epoch`: one epoch in-process (700 open orders,
 * 1,500 riders by default) and a big city cut into H3 regions planned in parallel on worker
 * threads (5,000 orders, 10,000 riders), with peak RSS of the process (worker threads included).
 */
import { EpochPool, generateSyntheticEpoch, partitionByH3, planEpoch, toEpochProblem } from '@o2o/dispatch-core';
import { H3Regions } from '@o2o/geo';
import { median } from '../report/median.js';

export interface EpochBenchOptions {
  readonly orders: number;
  readonly riders: number;
  readonly regionOrders: number;
  readonly regionRiders: number;
  readonly threads: number;
  readonly resolution: number;
  readonly repeats: number;
  readonly log: (line: string) => void;
}

export async function runEpochBench(o: EpochBenchOptions): Promise<Record<string, unknown>> {
  const single = generateSyntheticEpoch({ numOrders: o.orders, numRiders: o.riders, seed: 1 });
  const problem = toEpochProblem(single.problem);
  planEpoch(problem); // warm-up
  const times: number[] = [];
  let plan = planEpoch(problem);
  for (let r = 0; r < o.repeats; r++) {
    const t0 = performance.now();
    plan = planEpoch(problem);
    times.push(performance.now() - t0);
  }
  const singleMs = median(times);
  o.log(`one epoch, ${o.orders} orders × ${o.riders} riders: ${singleMs.toFixed(1)} ms (${plan.numBundles} bundles, ${plan.pairs} pairs priced)`);

  // A wider city for the big case: the same density of stores, more area.
  const big = generateSyntheticEpoch({ numOrders: o.regionOrders, numRiders: o.regionRiders, seed: 2, spanDeg: [0.6, 0.45] });
  const t0 = performance.now();
  const regions = partitionByH3(big.orderStores, big.riders, new H3Regions({ resolution: o.resolution }));
  const partitionMs = performance.now() - t0;
  const pool = new EpochPool(o.threads);
  const inProcess = new EpochPool(1);
  try {
    await pool.planRegions(big.problem, regions); // warm-up (threads start, JIT)
    const par: number[] = [];
    let merged = await pool.planRegions(big.problem, regions);
    for (let r = 0; r < o.repeats; r++) {
      const p0 = performance.now();
      merged = await pool.planRegions(big.problem, regions);
      par.push(performance.now() - p0);
    }
    const seq: number[] = [];
    for (let r = 0; r < Math.max(1, Math.floor(o.repeats / 2)); r++) {
      const s0 = performance.now();
      await inProcess.planRegions(big.problem, regions);
      seq.push(performance.now() - s0);
    }
    const parallelMs = median(par);
    const sequentialMs = median(seq);
    o.log(`regions: ${regions.length} H3 res ${o.resolution} regions, ${o.regionOrders} orders × ${o.regionRiders} riders: ${(partitionMs + parallelMs).toFixed(0)} ms on ${o.threads} threads (partition ${partitionMs.toFixed(0)} ms), ${sequentialMs.toFixed(0)} ms in one thread`);
    return {
      singleEpoch: { orders: o.orders, riders: o.riders, ms: Math.round(singleMs), bundles: plan.numBundles, pairs: plan.pairs, assignments: plan.assignments.length, held: plan.held },
      regions: {
        orders: o.regionOrders,
        riders: o.regionRiders,
        resolution: o.resolution,
        numRegions: regions.length,
        threads: o.threads,
        partitionMs: Math.round(partitionMs),
        planMs: Math.round(parallelMs),
        totalMs: Math.round(partitionMs + parallelMs),
        oneThreadPlanMs: Math.round(sequentialMs),
        speedup: Math.round((sequentialMs / parallelMs) * 100) / 100,
        assignments: merged.assignments.length,
        conflicts: merged.conflicts,
      },
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await pool.close();
    await inProcess.close();
  }
}
