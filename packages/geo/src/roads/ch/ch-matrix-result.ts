/**
 * Result and options shared by the CH many-to-many matrices ({@link chMatrix},
 * {@link chBucketMatrix}, {@link chPhastMatrix}).
 */
import { flattenEndpoints, type ChEndpoint, type FlatEndpoints } from './ch-endpoint.js';
import { chSearchGraph, type ChSearchGraph } from './ch-search-graph.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';
import { GeoInputError } from '../../errors.js';
import { assertIntegerInRange } from '../../validate.js';

/** A sources × targets table, row-major: cell `(i, j)` is at `i * numTargets + j`. */
export interface ChMatrixResult {
  readonly numSources: number;
  readonly numTargets: number;
  /** Fastest time of each cell, ms (offsets included), or -1 (`CH_UNREACHABLE`) when no path. */
  readonly durationMs: Float64Array;
  /** Length of the path behind each `durationMs` cell, cm (offsets included), or -1; absent when `lengths: false`. */
  readonly lengthCm: Float64Array | undefined;
}

/** Options of the CH matrices. */
export interface ChMatrixOptions {
  /** Also compute `lengthCm`. Default true (costs roughly a third more time). */
  lengths?: boolean;
  /** PHAST only: sources swept together, sharing one pass over the arcs. Default 16 (an unrolled kernel). */
  sourcesPerSweep?: number;
  /**
   * Arrays to write the table into (length sources × targets; `lengthCm` needed unless
   * `lengths: false`) instead of allocating new ones: repeated tables then cost no garbage and no
   * fresh-memory page faults, which on a VM can exceed the search time itself.
   */
  into?: { readonly durationMs: Float64Array; readonly lengthCm?: Float64Array };
}

/** Validated options with defaults. */
export function resolveMatrixOptions(options: ChMatrixOptions): { lengths: boolean; sourcesPerSweep: number } {
  if (options === null || typeof options !== 'object') throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
  const lengths = options.lengths ?? true;
  if (typeof lengths !== 'boolean') throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.lengths', 'must be a boolean', lengths);
  const sourcesPerSweep = options.sourcesPerSweep ?? 16;
  assertIntegerInRange('options.sourcesPerSweep', sourcesPerSweep, 1, 256);
  return { lengths, sourcesPerSweep };
}

/** The output arrays: `options.into` (checked) or new ones. */
export function matrixBuffers(
  options: ChMatrixOptions,
  numSources: number,
  numTargets: number,
  lengths: boolean,
): { durationMs: Float64Array; lengthCm: Float64Array | undefined } {
  const cells = numSources * numTargets;
  const into = options.into;
  if (into === undefined) return { durationMs: new Float64Array(cells), lengthCm: lengths ? new Float64Array(cells) : undefined };
  if (!(into.durationMs instanceof Float64Array) || into.durationMs.length !== cells) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.into.durationMs', `must be a Float64Array of length ${cells}`, into.durationMs);
  }
  if (!lengths) return { durationMs: into.durationMs, lengthCm: undefined };
  if (!(into.lengthCm instanceof Float64Array) || into.lengthCm.length !== cells) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.into.lengthCm', `must be a Float64Array of length ${cells} (or pass lengths: false)`, into.lengthCm);
  }
  return { durationMs: into.durationMs, lengthCm: into.lengthCm };
}

/** Turns the Infinity cells of a finished table into -1 (in place). */
export function markUnreachable(durationMs: Float64Array, lengthCm: Float64Array | undefined): void {
  for (let i = 0; i < durationMs.length; i++) {
    if (durationMs[i] === Infinity) {
      durationMs[i] = -1;
      if (lengthCm) lengthCm[i] = -1;
    }
  }
}

/** Validated options and the endpoints flattened on the hierarchy's search layout (shared prelude of the matrices). */
export function matrixInputs(
  ch: ContractionHierarchy,
  sources: readonly ChEndpoint[],
  targets: readonly ChEndpoint[],
  options: ChMatrixOptions,
): { g: ChSearchGraph; src: FlatEndpoints; tgt: FlatEndpoints } {
  resolveMatrixOptions(options);
  const g = chSearchGraph(ch);
  return { g, src: flattenEndpoints('sources', sources, g.rank), tgt: flattenEndpoints('targets', targets, g.rank) };
}
