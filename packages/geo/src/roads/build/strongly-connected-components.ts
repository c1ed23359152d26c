/**
 * Strongly connected components of a CSR digraph with Tarjan's algorithm, iteratively (an
 * explicit call stack in typed arrays), so graphs with millions of vertices cannot overflow the
 * JS stack. O(V + A) time, about 17 bytes per vertex.
 */

/** Component of each vertex (0 … count-1, in Tarjan's completion order) and the component sizes. */
export interface StronglyConnectedComponents {
  readonly count: number;
  /** Component id of each vertex. */
  readonly component: Uint32Array;
  /** Number of vertices in each component. */
  readonly size: Uint32Array;
}

/** The SCCs of the digraph with `n` vertices, arcs of `v` being `head[firstOut[v] … firstOut[v+1]-1]`. */
export function stronglyConnectedComponents(n: number, firstOut: Uint32Array, head: Uint32Array): StronglyConnectedComponents {
  const UNSEEN = 0xffffffff;
  const index = new Uint32Array(n).fill(UNSEEN);
  const low = new Uint32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Uint32Array(n);
  const callVertex = new Uint32Array(n);
  const callArc = new Uint32Array(n);
  const component = new Uint32Array(n);
  const sizes: number[] = [];
  let sp = 0;
  let nextIndex = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== UNSEEN) continue;
    let csp = 0;
    index[root] = low[root] = nextIndex++;
    stack[sp++] = root;
    onStack[root] = 1;
    callVertex[0] = root;
    callArc[0] = firstOut[root]!;
    csp = 1;
    while (csp > 0) {
      const v = callVertex[csp - 1]!;
      const a = callArc[csp - 1]!;
      if (a < firstOut[v + 1]!) {
        callArc[csp - 1] = a + 1;
        const w = head[a]!;
        if (index[w] === UNSEEN) {
          index[w] = low[w] = nextIndex++;
          stack[sp++] = w;
          onStack[w] = 1;
          callVertex[csp] = w;
          callArc[csp] = firstOut[w]!;
          csp++;
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      csp--;
      if (low[v] === index[v]) {
        const id = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          component[w] = id;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
      if (csp > 0) {
        const u = callVertex[csp - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
    }
  }
  return { count: sizes.length, component, size: Uint32Array.from(sizes) };
}
