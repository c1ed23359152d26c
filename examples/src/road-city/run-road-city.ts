/**
 * Routing on real roads: a road graph (an OSM extract, or a generated grid city when no file is
 * given), its contraction hierarchy, time-of-day traffic, and a `RoadNetworkProvider` behind a
 * fallback chain to straight lines — then the route solver plans riders over the road travel
 * times it got through the same `TravelTimeProvider` interface as any other provider.
 */
import { solve, verifySolution, type ProblemInput, type ShipmentInput, type VehicleInput } from '@o2o/dispatch-core';
import {
  FallbackChainProvider,
  RoadNetworkProvider,
  StraightLineProvider,
  buildContractionHierarchy,
  generateGridCity,
  importOsmPbf,
  mulberry32,
  roadGraphBbox,
  type LngLat,
  type RoadGraph,
  type RoadProfileName,
} from '@o2o/geo';

export interface RoadCityOptions {
  /** An `.osm.pbf` extract; absent: a generated 30 × 30 grid city. */
  readonly osmPbf?: Uint8Array;
  readonly profile?: RoadProfileName;
  readonly seed?: number;
  readonly numStores?: number;
  readonly numOrders?: number;
  readonly numRiders?: number;
  /** Local UTC offset, minutes (traffic follows local time). Default 60 (Monaco/Porto winter: 60/0). */
  readonly utcOffsetMin?: number;
  /** Dispatch instant, Unix seconds. Default 2024-01-10 11:30 UTC (a Wednesday lunch). */
  readonly departAt?: number;
  readonly timeLimitMs?: number;
}

export interface RoadCitySummary {
  readonly graph: { readonly source: 'osm' | 'grid'; readonly vertices: number; readonly arcs: number };
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly numLocations: number;
  /** Matrix cells answered by the road network, and by the straight-line fallback. */
  readonly roadCells: number;
  readonly fallbackCells: number;
  /** Mean road distance ÷ great-circle distance over the road-answered cells (the detour factor; > 1). */
  readonly roadDetourFactor: number;
  readonly routes: ReadonlyArray<{ readonly riderId: string; readonly stops: readonly string[]; readonly durationSec: number; readonly distanceM: number }>;
  readonly unassigned: readonly string[];
  readonly feasible: boolean;
  readonly violations: number;
  /** The first rider's first leg on the map: GeoJSON LineString with its duration. */
  readonly firstLeg: { readonly durationSec: number; readonly distanceM: number; readonly points: number } | null;
}

/** Random points on the graph's junctions' bounding box that snap to a road. */
function roadPoints(graph: RoadGraph, provider: RoadNetworkProvider, rand: () => number, count: number): LngLat[] {
  const [minLng, minLat, maxLng, maxLat] = roadGraphBbox(graph);
  const out: LngLat[] = [];
  for (let tries = 0; out.length < count && tries < count * 100; tries++) {
    const p: LngLat = [minLng + rand() * (maxLng - minLng), minLat + rand() * (maxLat - minLat)];
    const snap = provider.snap(p);
    if (snap !== null && snap.distanceM < 60) out.push(p);
  }
  return out;
}

/** Runs the example and returns what it computed. */
export async function runRoadCity(options: RoadCityOptions = {}): Promise<RoadCitySummary> {
  const timingsMs: Record<string, number> = {};
  const timed = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const out = f();
    timingsMs[name] = Math.round(performance.now() - t0);
    return out;
  };
  const seed = options.seed ?? 7;
  const profile = options.profile ?? 'scooter';
  const departAt = options.departAt ?? Date.UTC(2024, 0, 10, 11, 30) / 1000;
  const utcOffsetMin = options.utcOffsetMin ?? 60;
  const graph = timed('graph', () =>
    options.osmPbf ? importOsmPbf(options.osmPbf, { profile }).graph : generateGridCity({ rows: 30, cols: 30, oneWayShare: 0.3, seed }),
  );
  const ch = timed('contractionHierarchy', () => buildContractionHierarchy(graph));
  const road = new RoadNetworkProvider({ graph, ch, traffic: { utcOffsetMin } });
  const straight = new StraightLineProvider({ utcOffsetMin });
  const travel = new FallbackChainProvider([road, straight]);

  const rand = mulberry32(seed);
  const numStores = options.numStores ?? 3;
  const numOrders = options.numOrders ?? 16;
  const numRiders = options.numRiders ?? 4;
  const stores = roadPoints(graph, road, rand, numStores);
  const customers = roadPoints(graph, road, rand, numOrders);
  const riders = roadPoints(graph, road, rand, numRiders);
  // An address off the network (a park, a pier): the chain answers it from straight lines.
  const offRoad: LngLat = [customers[0]![0] + 0.06, customers[0]![1]];
  const locations: LngLat[] = [...stores, ...customers, offRoad, ...riders];
  const mode = road.modes[0]!;
  const matrix = await (async () => {
    const t0 = performance.now();
    const m = await travel.matrix(locations, locations, departAt, { mode });
    timingsMs.matrix = Math.round(performance.now() - t0);
    return m;
  })();
  const crowFlies = new StraightLineProvider({ detourFactor: 1 }).matrixSync(locations, locations, departAt, { mode });
  const prov = matrix.cellProvenance;
  let roadCells = 0;
  let ratioSum = 0;
  let ratioCount = 0;
  for (let k = 0; k < matrix.durationSec.length; k++) {
    const fromRoad = prov ? prov.providerNames[prov.providerIdx[k]!] === road.name : !matrix.isFallback;
    if (!fromRoad) continue;
    roadCells++;
    if (crowFlies.distanceM[k]! > 200) {
      ratioSum += matrix.distanceM[k]! / crowFlies.distanceM[k]!;
      ratioCount++;
    }
  }

  const orders = [...customers, offRoad];
  const shipments: ShipmentInput[] = orders.map((_, i) => ({
    id: `order-${i + 1}`,
    pickup: { location: i % stores.length, serviceSec: 120, timeWindow: [0, 3600] },
    delivery: { location: stores.length + i, serviceSec: 90, softDueAt: 2700, latenessCostPerSec: 2, timeWindow: [0, 7200] },
    demand: [1],
  }));
  const vehicles: VehicleInput[] = riders.map((_, r) => ({
    id: `rider-${r + 1}`,
    startLocation: stores.length + orders.length + r,
    startAt: 0,
    shiftEndAt: 4 * 3600,
    capacity: [6],
    bagLimit: 4,
    fixedCost: 300,
  }));
  const input: ProblemInput = {
    numLocations: locations.length,
    durationMatrix: matrix.durationSec,
    distanceMatrix: matrix.distanceM,
    vehicles,
    shipments,
    objective: { durationSec: 1, lateness: 1, fixedCost: 1 },
  };
  const t0 = performance.now();
  const result = await solve(input, { timeLimitMs: options.timeLimitMs ?? 1000, seed });
  timingsMs.solve = Math.round(performance.now() - t0);
  const violations = verifySolution(input, result.solution);
  const used = result.solution.routes.filter((r) => r.stops.length > 0);
  const first = used[0];
  let firstLeg: RoadCitySummary['firstLeg'] = null;
  if (first) {
    const v = vehicles.findIndex((x) => x.id === first.vehicleId);
    const firstStop = first.stops.find((st) => st.kind !== 'start')!;
    const leg = road.routeSync(locations[vehicles[v]!.startLocation]!, locations[firstStop.location]!, departAt);
    if (leg.geometry) firstLeg = { durationSec: leg.durationSec, distanceM: leg.distanceM, points: leg.geometry.geometry.coordinates.length };
  }
  return {
    graph: { source: options.osmPbf ? 'osm' : 'grid', vertices: graph.numVertices, arcs: graph.numArcs },
    timingsMs,
    numLocations: locations.length,
    roadCells,
    fallbackCells: matrix.durationSec.length - roadCells,
    roadDetourFactor: ratioCount > 0 ? Math.round((ratioSum / ratioCount) * 100) / 100 : 0,
    routes: used.map((r) => ({ riderId: r.vehicleId, stops: r.stops.map((s) => `${s.kind}:${s.id}`), durationSec: r.durationSec, distanceM: r.distanceM })),
    unassigned: result.solution.unassigned.map((u) => u.id),
    feasible: result.solution.isFeasible,
    violations: violations.length,
    firstLeg,
  };
}
