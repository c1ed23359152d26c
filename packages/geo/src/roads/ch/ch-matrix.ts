/**
 * The default CH many-to-many matrix: RPHAST or buckets, whichever a small cost model expects to
 * be faster for this graph and table.
 *
 * Measured here (2 shared cores, Node 20, outputs written into reused arrays, lengths on):
 * - Monaco car (2,076 V), 1000 × 1000: RPHAST 14 ms, buckets 29 ms, one-to-all Dijkstra 147 ms.
 * - Grid city 100 × 100 (10k V), 1000 × 1000: RPHAST 59 ms, buckets 68 ms, Dijkstra 758 ms.
 * - Grid city 316 × 316 (100k V), 1000 × 1000: buckets 184–233 ms, RPHAST 265–335 ms (its
 *   16-lane working set of ~20k selected vertices leaves the L2 cache), Dijkstra 13.6 s;
 *   100 × 100 there: RPHAST 13 ms, buckets 18 ms.
 *
 * Model (ns, constants fitted to those runs): RPHAST ≈ S · W · (1.5, or 3 once W > 30k), where W
 * is the selected target space (vertices + down arcs); buckets ≈ (S + T) · B · 400 + S · T · B · 1.2,
 * where B is the mean backward search space, sampled on up to 16 targets.
 */
import type { ChEndpoint } from './ch-endpoint.js';
import { bucketMatrix } from './ch-bucket-matrix.js';
import { matrixInputs, type ChMatrixOptions, type ChMatrixResult } from './ch-matrix-result.js';
import { phastMatrix, selectTargetSpace } from './ch-phast-matrix.js';
import { ChUpwardSearch } from './ch-upward-search.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';

const SAMPLE_TARGETS = 16;

/**
 * Fastest times (and lengths) from every source to every target, row-major, ms / cm, -1 where no
 * path exists; endpoints are vertex ids or seed sets with offsets. Runs {@link chPhastMatrix}
 * (city graphs, small tables) or {@link chBucketMatrix} (large graphs and large tables), which
 * compute the same times. Throws `GeoInputError` for bad input.
 */
export function chMatrix(
  ch: ContractionHierarchy,
  sources: readonly ChEndpoint[],
  targets: readonly ChEndpoint[],
  options: ChMatrixOptions = {},
): ChMatrixResult {
  const { g, src, tgt } = matrixInputs(ch, sources, targets, options);
  const sel = selectTargetSpace(g, tgt);
  const numS = src.count;
  const numT = tgt.count;
  if (numS > 0 && numT > 0) {
    const w = sel.work;
    const phastNs = numS * w * (w > 30_000 ? 3 : 1.5);
    // Mean backward search space over a sample of targets.
    const backward = new ChUpwardSearch(g, false);
    const step = Math.max(1, Math.floor(numT / SAMPLE_TARGETS));
    let sampled = 0;
    let space = 0;
    for (let j = 0; j < numT; j += step) {
      backward.run(tgt.rankOf, tgt.offsetMs, tgt.offsetCm, tgt.first[j]!, tgt.first[j + 1]!, false);
      space += backward.numSettled;
      sampled++;
    }
    const b = space / sampled;
    const bucketNs = (numS + numT) * b * 400 + numS * numT * b * 1.2;
    if (bucketNs < phastNs) return bucketMatrix(g, src, tgt, options);
  }
  return phastMatrix(g, src, tgt, sel, options);
}
