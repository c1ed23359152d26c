/**
 * Where the benchmark data lives: `<repo root>/../shared/benchmarks` (the data is never copied
 * into the repo), overridable with the `O2O_BENCHMARKS_DIR` environment variable. Commands take
 * paths; these helpers only add shorthands (`vrp solomon`, `solve C101`, `solve lc101`).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchArgError } from '../args/bench-arg-error.js';
import { instanceClassOf } from './instance-class.js';

/** This file is bench/{src,dist}/instances/benchmark-paths.{ts,js}: three levels below the repo root. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The benchmarks folder holding `solomon/` and `lilim/`. */
export function benchmarksDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env['O2O_BENCHMARKS_DIR'] ?? join(REPO_ROOT, '..', 'shared', 'benchmarks'));
}

const BENCHMARK_SETS = ['solomon', 'lilim'] as const;

/** A folder path as given, or `solomon` / `lilim` for the default data folders. */
export function resolveBenchmarkFolder(arg: string): string {
  if (existsSync(arg)) {
    if (!statSync(arg).isDirectory()) throw new BenchArgError(`vrp needs a folder, got the file ${JSON.stringify(arg)}`);
    return arg;
  }
  if ((BENCHMARK_SETS as readonly string[]).includes(arg)) return join(benchmarksDir(), arg);
  throw new BenchArgError(`folder not found: ${JSON.stringify(arg)} (give a path, or "solomon" / "lilim" for ${benchmarksDir()})`);
}

/** An instance path as given, or a bare benchmark name (`C101`, `lc101`) looked up in the default folders. */
export function resolveInstancePath(arg: string): string {
  if (existsSync(arg)) return arg;
  const cls = instanceClassOf(arg);
  if (cls !== undefined) {
    const candidate = cls.startsWith('L') ? join(benchmarksDir(), 'lilim', `${arg.toLowerCase()}.txt`) : join(benchmarksDir(), 'solomon', `${arg.toUpperCase()}.txt`);
    if (existsSync(candidate)) return candidate;
  }
  throw new BenchArgError(`instance file not found: ${JSON.stringify(arg)} (give a path, or a benchmark name such as C101 or lc101)`);
}
