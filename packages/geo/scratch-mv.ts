import { GridBucketIndex, KdbushRebuildIndex, mulberry32, randomPointInDisc, type MovingIndex } from '@o2o/geo';
const rng = mulberry32(2); const N = 50000; const c: [number, number] = [116.4, 39.9];
const A = Array.from({ length: N }, () => randomPointInDisc(rng, c, 15000));
const lngA = new Float64Array(A.map((p) => p[0])), latA = new Float64Array(A.map((p) => p[1]));
const lngB = new Float64Array(N), latB = new Float64Array(N);
for (let i = 0; i < N; i++) { const p = randomPointInDisc(rng, [lngA[i]!, latA[i]!], 50); lngB[i] = p[0]; latB[i] = p[1]; }
const Q = Array.from({ length: 1000 }, () => randomPointInDisc(rng, c, 15000));
const kind = process.argv[2]!, opt = Number(process.argv[3]);
const idx: MovingIndex = kind === 'grid' ? new GridBucketIndex({ initialCapacity: N, cellSizeM: opt }) : new KdbushRebuildIndex({ initialCapacity: N, nodeSize: opt });
for (let i = 0; i < N; i++) idx.add(lngA[i]!, latA[i]!);
const best = (f: () => number) => { let b = 0; for (let r = 0; r < 7; r++) b = Math.max(b, f()); return b; };
const out = new Int32Array(10); let s = 0;
const upd = best(() => { const t = performance.now(); for (let r = 0; r < 10; r++) { const L = r & 1 ? lngA : lngB, T = r & 1 ? latA : latB; for (let i = 0; i < N; i++) idx.update(i, L[i]!, T[i]!); } return 10 * N / (performance.now() - t) * 1000; });
idx.nearestInto(c[0], c[1], 10, 3000, out);
const knn = best(() => { const t = performance.now(); for (let j = 0; j < 20; j++) for (const q of Q) s += idx.nearestInto(q[0], q[1], 10, 3000, out); return 20000 / (performance.now() - t) * 1000; });
const tick = 1 / best(() => { const t = performance.now(); for (let r = 0; r < 4; r++) { const L = r & 1 ? lngA : lngB, T = r & 1 ? latA : latB; for (let i = 0; i < N; i++) idx.update(i, L[i]!, T[i]!); for (const q of Q) s += idx.nearestInto(q[0], q[1], 10, 3000, out); } return 4 / (performance.now() - t); });
console.log(kind, opt, 'upd/s', Math.round(upd), 'knn/s', Math.round(knn), 'tick(50k upd + 1000 q) ms', tick.toFixed(2));
