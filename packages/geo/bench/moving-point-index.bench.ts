import type { BenchFigures } from './bench-util.js';

export function run(): BenchFigures {
  return {};
}
