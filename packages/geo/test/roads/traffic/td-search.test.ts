import assert from 'node:assert/strict';
import {
  DijkstraSearch,
  RoadTrafficModel,
  TdAStar,
  TdDijkstra,
  UNREACHABLE,
  generateGridCity,
  mulberry32,
  type CongestionProfile,
  type RoadGraph,
  type TdArcPlace,
  type TdPlaces,
} from '@o2o/geo';
import { DAY_MS, FRI, HOUR_MS, MON, SAWTOOTH, WEEK_MS, assertGeoError, bruteForceArrivals, starGraph } from './traffic-fixtures.js';

type Rng = () => number;

/** A departure instant: anywhere in the week, or in a local peak or around midnight. */
function departure(rand: Rng, utcOffsetMs = 0): number {
  const day = MON + Math.floor(rand() * 7) * DAY_MS - utcOffsetMs;
  const pick = rand();
  const windowStart = pick < 0.25 ? 7 : pick < 0.5 ? 16 : pick < 0.7 ? 23 : 0;
  const windowLen = windowStart === 0 ? 24 : 2;
  return Math.floor(day + windowStart * HOUR_MS + rand() * windowLen * HOUR_MS);
}

/** Replays `arcs` from `departAtMs` with the model (partial first/last arcs per the places). */
function replay(model: RoadTrafficModel, arcs: Uint32Array, departAtMs: number, firstFrom = 0, lastTo = 1): { at: number; cm: number } {
  const g = model.graph;
  let at = departAtMs;
  let cm = 0;
  arcs.forEach((a, i) => {
    const from = i === 0 ? firstFrom : 0;
    const to = i === arcs.length - 1 ? lastTo : 1;
    if (i > 0) assert.equal(model.tails[a], g.head[arcs[i - 1]!], 'arcs must chain');
    at = model.arrivalMs(a, at, to - from);
    cm += (to - from) * g.lengthCm[a]!;
  });
  return { at, cm: Math.round(cm) };
}

/** Position of an arc place along `arc`: its own arc or its reverse arc. */
function positionOn(place: TdArcPlace, arc: number): number {
  if (arc === place.arc) return place.fraction;
  assert.equal(arc, place.reverseArc);
  return 1 - place.fraction;
}

/** A random point on a random arc, with its reverse arc when the street is two-way. */
function randomArcPlace(g: RoadGraph, tails: Uint32Array, rand: Rng): TdArcPlace {
  const arc = Math.floor(rand() * g.numArcs);
  let reverseArc = -1;
  for (let r = g.firstOut[g.head[arc]!]!; r < g.firstOut[g.head[arc]! + 1]!; r++) if (g.head[r] === tails[arc]) reverseArc = r;
  return { arc, fraction: Math.round(rand() * 1000) / 1000, reverseArc };
}

describe('roads/traffic time-dependent searches', () => {
  describe('TD A* equals TD Dijkstra', () => {
    for (const oneWayShare of [0, 0.3, 0.6]) {
      it(`on random (source, target, departure) triples, grid city with one-way share ${oneWayShare}`, function () {
        this.timeout(120_000);
        const g = generateGridCity({ rows: 18, cols: 22, oneWayShare, seed: 11 + oneWayShare * 10 });
        const model = new RoadTrafficModel(g, { utcOffsetMin: 60 });
        const dijkstra = new TdDijkstra(model);
        const astar = new TdAStar(model);
        const bounds = new Float64Array(g.numVertices);
        const rand = mulberry32(100 + oneWayShare * 10);
        let slower = 0;
        for (let i = 0; i < 1200; i++) {
          const s = Math.floor(rand() * g.numVertices);
          const t = Math.floor(rand() * g.numVertices);
          const dep = departure(rand, HOUR_MS);
          const expected = dijkstra.oneToOne(dep, s, t);
          assert.ok(expected >= dep);
          assert.equal(astar.oneToOne(dep, s, t), expected, `cheap bound ${s}→${t} at ${dep}`);
          astar.freeFlowBoundsMs(t, bounds);
          assert.equal(astar.oneToOne(dep, s, t, bounds), expected, `exact bound ${s}→${t} at ${dep}`);
          assert.ok(expected - dep >= bounds[s]!, 'never faster than free flow');
          if (expected - dep > bounds[s]!) slower++;
        }
        assert.ok(slower > 300, `congestion slows many trips (${slower})`);
      });
    }

    it('with an admissible but inconsistent bound (vertices are re-opened)', () => {
      const g = generateGridCity({ rows: 12, cols: 12, oneWayShare: 0.3, seed: 5 });
      const model = new RoadTrafficModel(g);
      const dijkstra = new TdDijkstra(model);
      const astar = new TdAStar(model);
      const rand = mulberry32(9);
      for (let i = 0; i < 300; i++) {
        const s = Math.floor(rand() * g.numVertices);
        const t = Math.floor(rand() * g.numVertices);
        const dep = departure(rand);
        const bounds = astar.freeFlowBoundsMs(t);
        for (let v = 0; v < g.numVertices; v++) bounds[v] = bounds[v]! * (rand() < 0.5 ? 1 : rand());
        assert.equal(astar.oneToOne(dep, s, t, bounds), dijkstra.oneToOne(dep, s, t));
      }
    });

    it('to points on arcs, from points on arcs, in a time zone', function () {
      this.timeout(60_000);
      const g = generateGridCity({ rows: 15, cols: 15, oneWayShare: 0.3, seed: 21 });
      const model = new RoadTrafficModel(g, { timeZone: 'Europe/Lisbon' });
      const dijkstra = new TdDijkstra(model);
      const astar = new TdAStar(model);
      const rand = mulberry32(4);
      for (let i = 0; i < 600; i++) {
        const source = randomArcPlace(g, model.tails, rand);
        const target: TdPlaces = rand() < 0.5 ? randomArcPlace(g, model.tails, rand) : Math.floor(rand() * g.numVertices);
        const dep = departure(rand);
        const expected = dijkstra.oneToOne(dep, source, target);
        assert.equal(astar.oneToOne(dep, source, target), expected);
        assert.equal(astar.oneToOne(dep, source, target, astar.freeFlowBoundsMs(target)), expected);
      }
    });
  });

  describe('TD Dijkstra equals the brute-force reference', () => {
    const VARIED: CongestionProfile = {
      weekday: Array.from({ length: 24 }, (_, h) => 0.2 + 0.8 * Math.abs(Math.sin(h))),
      weekend: Array.from({ length: 24 }, (_, h) => 0.3 + 0.7 * Math.abs(Math.cos(h))),
    };

    for (const [rows, cols, oneWayShare] of [
      [4, 4, 0.5],
      [5, 6, 0.3],
      [6, 6, 0.6],
    ] as const) {
      it(`one-to-all on a ${rows}×${cols} grid with default, sawtooth and per-arc profiles`, () => {
        const base = generateGridCity({ rows, cols, oneWayShare, seed: rows * cols, spacingM: 2000 });
        const rand = mulberry32(rows * 31 + cols);
        const arcProfiles = Array.from({ length: base.numArcs }, (_, arc) => ({ arc, profile: rand() < 0.3 ? SAWTOOTH : VARIED })).filter(
          () => rand() < 0.5,
        );
        for (const model of [new RoadTrafficModel(base), new RoadTrafficModel(base, { arcProfiles, utcOffsetMin: -300 })]) {
          const dijkstra = new TdDijkstra(model);
          for (let i = 0; i < 40; i++) {
            const s = Math.floor(rand() * base.numVertices);
            const dep = departure(rand) + (rand() < 0.3 ? 0.5 : 0);
            const expected = bruteForceArrivals(model, s, Math.ceil(dep));
            const got = dijkstra.oneToAll(dep, s);
            for (let v = 0; v < base.numVertices; v++) assert.equal(got[v], expected[v], `vertex ${v} from ${s} at ${dep}`);
            const v = Math.floor(rand() * base.numVertices);
            assert.equal(replay(model, dijkstra.pathArcsTo(v), Math.ceil(dep)).at, got[v]);
          }
        }
      });
    }
  });

  describe('results', () => {
    const g = generateGridCity({ rows: 14, cols: 16, oneWayShare: 0.3, seed: 8 });
    const model = new RoadTrafficModel(g);
    const dijkstra = new TdDijkstra(model);
    const astar = new TdAStar(model);

    it('free-flow profiles give the static Dijkstra cost on durationMs', () => {
      const bike = new RoadTrafficModel({ ...g, profile: 'bike' });
      const tdBike = new TdDijkstra(bike);
      const aBike = new TdAStar(bike);
      const plain = new DijkstraSearch(g);
      const rand = mulberry32(12);
      for (let i = 0; i < 300; i++) {
        const s = Math.floor(rand() * g.numVertices);
        const t = Math.floor(rand() * g.numVertices);
        const dep = departure(rand);
        const cost = plain.oneToOne(s, t);
        assert.equal(tdBike.oneToOne(dep, s, t) - dep, cost);
        assert.equal(aBike.oneToOne(dep, s, t) - dep, cost);
        assert.equal(tdBike.routeLengthCm(), plain.lengthTo(t));
      }
    });

    it('route arcs replay to the same arrival and length, for vertices and points on arcs', () => {
      const rand = mulberry32(13);
      for (let i = 0; i < 400; i++) {
        const dep = departure(rand);
        const sp = randomArcPlace(g, model.tails, rand);
        const tp = randomArcPlace(g, model.tails, rand);
        const s = Math.floor(rand() * g.numVertices);
        const t = Math.floor(rand() * g.numVertices);
        for (const search of [dijkstra, astar]) {
          const at = search.oneToOne(dep, s, t);
          assert.deepEqual(replay(model, search.routeArcs(), dep), { at, cm: search.routeLengthCm() });
          const at2 = search.oneToOne(dep, sp, tp);
          const arcs = search.routeArcs();
          const from = positionOn(sp, arcs[0]!);
          const to = positionOn(tp, arcs[arcs.length - 1]!);
          if (arcs.length === 1) {
            // A direct trip along one arc, from the source position to the target position.
            assert.equal(model.arrivalMs(arcs[0]!, dep, to - from), at2);
          } else {
            const r = replay(model, arcs, dep, from, to);
            assert.equal(r.at, at2, `replay ${[...arcs].join(',')}`);
            assert.ok(Math.abs(r.cm - search.routeLengthCm()) <= 1);
          }
        }
      }
    });

    it('one-to-many and one-to-all agree with one-to-one', () => {
      const rand = mulberry32(14);
      const out = new Float64Array(30);
      const all = new Float64Array(g.numVertices);
      for (let i = 0; i < 40; i++) {
        const dep = departure(rand);
        const s = Math.floor(rand() * g.numVertices);
        const targets: TdPlaces[] = Array.from({ length: 30 }, (_, k) =>
          k % 3 === 0 ? randomArcPlace(g, model.tails, rand) : Math.floor(rand() * g.numVertices),
        );
        dijkstra.oneToMany(dep, s, targets, out);
        const lengths = targets.map((_, k) => dijkstra.routeLengthCm(k));
        dijkstra.oneToAll(dep, s, all);
        targets.forEach((target, k) => {
          assert.equal(dijkstra.oneToOne(dep, s, target), out[k]);
          assert.equal(dijkstra.routeLengthCm(), lengths[k]);
          if (typeof target === 'number') assert.equal(all[target], out[k]);
        });
      }
    });

    it('starts from a point on an arc through both directions, each at its own time', () => {
      const rand = mulberry32(15);
      for (let i = 0; i < 200; i++) {
        const dep = departure(rand);
        const sp = randomArcPlace(g, model.tails, rand);
        const t = Math.floor(rand() * g.numVertices);
        const viaHead = dijkstra.oneToOne(model.arrivalMs(sp.arc, dep, 1 - sp.fraction), g.head[sp.arc]!, t);
        const viaTail = sp.reverseArc! >= 0 ? dijkstra.oneToOne(model.arrivalMs(sp.reverseArc!, dep, sp.fraction), model.tails[sp.arc]!, t) : Infinity;
        const direct = t === g.head[sp.arc] ? model.arrivalMs(sp.arc, dep, 1 - sp.fraction) : Infinity;
        assert.equal(dijkstra.oneToOne(dep, sp, t), Math.min(viaHead, viaTail === UNREACHABLE ? Infinity : viaTail, direct));
      }
    });

    it('reaches a point on an arc from its tail, with the partial arc timed at the tail arrival', () => {
      const rand = mulberry32(16);
      for (let i = 0; i < 200; i++) {
        const dep = departure(rand);
        const s = Math.floor(rand() * g.numVertices);
        const tp = { ...randomArcPlace(g, model.tails, rand), reverseArc: -1 };
        const atTail = dijkstra.oneToOne(dep, s, model.tails[tp.arc]!);
        assert.equal(dijkstra.oneToOne(dep, s, tp), model.arrivalMs(tp.arc, atTail, tp.fraction));
        const arcs = dijkstra.routeArcs();
        assert.equal(arcs[arcs.length - 1], tp.arc);
      }
    });

    it('joins two points on the same arc directly when the target is ahead, else goes round', () => {
      const oneWay = Array.from({ length: g.numArcs }, (_, a) => a).find((a) => {
        const t = model.tails[a]!;
        const h = g.head[a]!;
        for (let r = g.firstOut[h]!; r < g.firstOut[h + 1]!; r++) if (g.head[r] === t) return false;
        return true;
      })!;
      const dep = FRI + 8 * HOUR_MS;
      const ahead = dijkstra.oneToOne(dep, { arc: oneWay, fraction: 0.2 }, { arc: oneWay, fraction: 0.7 });
      assert.equal(ahead, model.arrivalMs(oneWay, dep, 0.5));
      assert.deepEqual([...dijkstra.routeArcs()], [oneWay]);
      assert.ok(Math.abs(dijkstra.routeLengthCm() - 0.5 * g.lengthCm[oneWay]!) <= 1);
      const behind = dijkstra.oneToOne(dep, { arc: oneWay, fraction: 0.7 }, { arc: oneWay, fraction: 0.2 });
      assert.ok(behind > model.arrivalMs(oneWay, dep));
      assert.equal(astar.oneToOne(dep, { arc: oneWay, fraction: 0.7 }, { arc: oneWay, fraction: 0.2 }), behind);
      const arcs = dijkstra.routeArcs();
      assert.equal(arcs[0], oneWay);
      assert.equal(arcs[arcs.length - 1], oneWay);
    });

    it('adds fixed extra time and length at vertex places', () => {
      const dep = FRI + 17 * HOUR_MS;
      const plain = dijkstra.oneToOne(dep, 3, 150);
      const len = dijkstra.routeLengthCm();
      assert.equal(dijkstra.oneToOne(dep, { vertex: 3 }, { vertex: 150, offsetMs: 60_000, offsetCm: 500 }), plain + 60_000);
      assert.equal(dijkstra.routeLengthCm(), len + 500);
      const later = dijkstra.oneToOne(dep + 120_000, 3, 150);
      assert.equal(dijkstra.oneToOne(dep, { vertex: 3, offsetMs: 120_000 }, 150), later);
      assert.equal(dijkstra.oneToOne(dep, 150, 150), dep);
      assert.equal(dijkstra.routeArcs().length, 0);
    });

    it('reports unreachable targets as UNREACHABLE', () => {
      const star = starGraph([1000, 2000], [4, 11]);
      const m = new RoadTrafficModel(star);
      const d = new TdDijkstra(m);
      const a = new TdAStar(m);
      assert.equal(d.oneToOne(FRI, 1, 2), UNREACHABLE);
      assert.equal(a.oneToOne(FRI, 1, 2), UNREACHABLE);
      assert.equal(a.oneToOne(FRI, 1, 2, a.freeFlowBoundsMs(2)), UNREACHABLE);
      assert.equal(d.routeLengthCm(), UNREACHABLE);
      assert.equal(d.routeArcs().length, 0);
      assert.deepEqual([...d.oneToMany(FRI, 0, [1, 2, 0])], [FRI + 1000, FRI + 2000, FRI]);
      assert.deepEqual([...d.oneToAll(FRI, 1)], [UNREACHABLE, FRI, UNREACHABLE]);
      assert.equal(d.arrivalAt(2), UNREACHABLE);
    });
  });

  describe('validation', () => {
    const g = generateGridCity({ rows: 4, cols: 4 });
    const model = new RoadTrafficModel(g);
    const dijkstra = new TdDijkstra(model);
    const astar = new TdAStar(model);

    it('names the argument at fault', () => {
      assertGeoError(() => dijkstra.oneToOne(-1, 0, 1), 'departAtMs');
      assertGeoError(() => dijkstra.oneToOne(Number.NaN, 0, 1), 'departAtMs');
      assertGeoError(() => dijkstra.oneToOne(FRI, 16, 1), 'source', '[0, 15]');
      assertGeoError(() => dijkstra.oneToOne(FRI, 0, [1, 2.5]), 'target[1]');
      assertGeoError(() => dijkstra.oneToOne(FRI, [], 1), 'source', 'empty');
      assertGeoError(() => dijkstra.oneToOne(FRI, { arc: 0, fraction: 2 }, 1), 'source.fraction', '[0, 1]');
      assertGeoError(() => dijkstra.oneToOne(FRI, { arc: 9999, fraction: 0.5 }, 1), 'source.arc');
      assertGeoError(() => dijkstra.oneToOne(FRI, { arc: 0, fraction: 0.5, reverseArc: 0 }, 1), 'source.reverseArc', 'head to the tail');
      assertGeoError(() => dijkstra.oneToOne(FRI, 0, { vertex: 1, offsetMs: -5 }), 'target.offsetMs');
      assertGeoError(() => dijkstra.oneToOne(FRI, 0, { nowhere: 1 } as never), 'target');
      assertGeoError(() => dijkstra.oneToMany(FRI, 0, [1, 2], new Float64Array(1)), 'outArrivalMs');
      assertGeoError(() => dijkstra.oneToMany(FRI, 0, [1, { vertex: 99 }]), 'targets[1].vertex');
      assertGeoError(() => dijkstra.oneToAll(FRI, 0, new Float64Array(2)), 'outArrivalMs');
      assertGeoError(() => astar.oneToOne(FRI, 0, 1, new Float64Array(3)), 'lowerBoundMs', 'length 16');
      assertGeoError(() => astar.freeFlowBoundsMs(1, new Float64Array(2)), 'out');
      assertGeoError(() => dijkstra.arrivalAt(99), 'v');
    });
  });
});
