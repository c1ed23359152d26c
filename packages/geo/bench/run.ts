/**
 * Runs every geo micro bench in one process and prints a summary.
 *   node --expose-gc dist-bench/run.js          full run (figures for the README)
 *   node --expose-gc dist-bench/run.js --smoke  tiny sizes (CI: the benches cannot rot)
 */
import type { BenchFigures, BenchOptions } from './bench-util.js';

type BenchModule = { run: (opts: BenchOptions) => Promise<BenchFigures> | BenchFigures };

const BENCHES: Array<[string, () => Promise<BenchModule>]> = [
  ['distance', () => import('./distance.bench.js')],
  ['point-index', () => import('./point-index.bench.js')],
  ['moving-point-index', () => import('./moving-point-index.bench.js')],
  ['zone-index', () => import('./zone-index.bench.js')],
  ['heatmap', () => import('./heatmap.bench.js')],
  ['travel-time', () => import('./travel-time.bench.js')],
  ['roads', () => import('./roads.bench.js')],
];

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const summary: Record<string, BenchFigures> = {};
  console.log(`@o2o/geo benches (${smoke ? 'smoke' : 'full'}), node ${process.version}`);
  for (const [name, load] of BENCHES) {
    if (only && !only.split(',').includes(name)) continue;
    console.log(`\n## ${name}`);
    const mod = await load();
    summary[name] = await mod.run({ smoke });
  }
  console.log('\n## summary');
  console.log(JSON.stringify(summary, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
