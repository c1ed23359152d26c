/**
 * `o2o-bench scale [--jobs N] [--riders N] [--time-limit-ms N] [--seed N] [--smoke] [--json]`:
 * the solver on a generated O2O pickup-and-delivery instance (1,000 orders by default): time to
 * the first feasible solution, the time-to-quality curve, iterations and peak RSS.
 */
import { solve, verifySolution } from '@o2o/dispatch-core';
import { integerFlag, parseFlags } from '../args/flag-values.js';
import { cityPdptw } from '../suites/city-pdptw.js';

const SCALE_FLAGS = {
  jobs: { type: 'string' },
  riders: { type: 'string' },
  'time-limit-ms': { type: 'string' },
  seed: { type: 'string' },
  smoke: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

export async function runScaleCommand(argv: readonly string[]): Promise<void> {
  const { values } = parseFlags('scale', argv, SCALE_FLAGS);
  const smoke = values.smoke === true;
  const numJobs = integerFlag('jobs', values.jobs, 1, smoke ? 40 : 1_000);
  const numRiders = integerFlag('riders', values.riders, 1, Math.max(4, Math.round(numJobs / 6)));
  const timeLimitMs = integerFlag('time-limit-ms', values['time-limit-ms'], 1, smoke ? 500 : 60_000);
  const seed = integerFlag('seed', values.seed, 0, 1);

  const g0 = performance.now();
  const instance = cityPdptw({ seed, numJobs, numRiders });
  const generateMs = performance.now() - g0;
  const curve: Array<{ timeMs: number; cost: number; vehicles: number; unassigned: number }> = [];
  const result = await solve(instance.input, {
    timeLimitMs,
    seed,
    onImprovement: (e) => {
      curve.push({ timeMs: Math.round(e.timeMs), cost: Math.round(e.cost), vehicles: e.numVehicles, unassigned: e.numUnassigned });
      if (!values.json) console.error(`  ${String(Math.round(e.timeMs)).padStart(7)} ms  cost ${Math.round(e.cost)}  vehicles ${e.numVehicles}  unassigned ${e.numUnassigned}`);
    },
  });
  const violations = verifySolution(instance.input, result.solution);
  const s = result.solution;
  const late = s.routes.reduce((n, r) => n + r.stops.filter((st) => st.latenessSec > 0).length, 0);
  const report = {
    suite: 'scale',
    seed,
    jobs: instance.input.shipments?.length ?? 0,
    vehicles: instance.input.vehicles.length,
    locations: instance.numLocations,
    generateMs: Math.round(generateMs),
    matrixMs: Math.round(instance.matrixMs),
    firstSolutionMs: curve[0]?.timeMs ?? null,
    firstSolutionFeasible: true,
    timeLimitMs,
    timeMs: Math.round(result.timeMs),
    iterations: result.iterations,
    // Search costs include a large penalty per unassigned order (so the first drops fast).
    first: curve[0] ?? null,
    best: curve[curve.length - 1] ?? null,
    routingCost: Math.round(s.cost.total),
    vehiclesUsed: s.numVehiclesUsed,
    unassigned: s.unassigned.length,
    lateDeliveries: late,
    feasible: s.isFeasible && violations.length === 0,
    violations: violations.slice(0, 5),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    curve,
  };
  console.log(values.json ? JSON.stringify(report) : JSON.stringify({ ...report, curve: `${curve.length} points (see stderr)` }, null, 2));
  if (!report.feasible) process.exitCode = 1;
}
