import assert from 'node:assert/strict';
import {
  FREE_FLOW_CONGESTION_PROFILE,
  NUM_ROAD_CLASSES,
  ROAD_CLASSES,
  RoadTrafficModel,
  mulberry32,
  roadClassCode,
  type RoadClass,
} from '@o2o/geo';
import { DAY_MS, FRI, HOUR_MS, MON, SAWTOOTH, WED, WEEK_MS, everyClassTimes, near, starGraph } from './traffic-fixtures.js';

/** Free-flow arc durations from 1 ms to 30 hours (long arcs cross many hour marks and days). */
const DURATIONS_MS = [1, 999, 10_000, 120_000, 900_000, 3_600_000, 11_820_000, 108_000_000];
const SECOND = 1000;
/** Europe/Paris springs forward at 2024-03-31T01:00:00Z and falls back at 2024-10-27T01:00:00Z. */
const PARIS_SPRING = Date.UTC(2024, 2, 31, 1);
const PARIS_FALL = Date.UTC(2024, 9, 27, 1);

/**
 * Walks entry instants `from, from + step, …` below `to` for every arc and checks that exits
 * are integers, never before the free-flow exit, and never decrease.
 */
function assertFifo(model: RoadTrafficModel, from: number, to: number, stepMs: number): number {
  const g = model.graph;
  let checks = 0;
  for (let a = 0; a < g.numArcs; a++) {
    const d = g.durationMs[a]!;
    const slot = model.arcSlot[a]!;
    let last = -Infinity;
    for (let t = from; t < to; t += stepMs) {
      // model.arrivalMs(a, t) without its argument checks (tested equal below): 10^8 calls.
      const exit = Math.ceil(model.exactArrivalMs(slot, d, t));
      if (!(exit >= last && exit >= t + d && Number.isInteger(exit))) {
        assert.fail(`arc ${a} (${ROAD_CLASSES[g.roadClass[a]!]}, ${d} ms) entered at ${new Date(t).toISOString()} exits at ${exit}, previous exit ${last}`);
      }
      last = exit;
      checks++;
    }
  }
  return checks;
}

describe('roads/traffic arc traversal (FIFO, rounding, partial arcs)', () => {
  const { durations, classes } = everyClassTimes(DURATIONS_MS);
  const star = starGraph(durations, classes);
  const model = new RoadTrafficModel(star);

  it('is FIFO for every second of a week, all classes, arcs from 1 ms to 30 h (default car profiles)', function () {
    this.timeout(300_000);
    const checks = assertFifo(model, MON, MON + WEEK_MS, SECOND);
    assert.equal(checks, NUM_ROAD_CLASSES * DURATIONS_MS.length * (WEEK_MS / SECOND));
  });

  it('is FIFO under a sawtooth profile swinging between 1 and 0.05 every hour', function () {
    this.timeout(120_000);
    const harsh = new RoadTrafficModel(starGraph(DURATIONS_MS, DURATIONS_MS.map(() => 0)), { classProfiles: { motorway: SAWTOOTH } });
    assertFifo(harsh, FRI, FRI + 2 * DAY_MS, SECOND);
  });

  it('is FIFO across daylight-saving changes of an IANA zone', () => {
    const paris = new RoadTrafficModel(starGraph(DURATIONS_MS, DURATIONS_MS.map(() => 0)), {
      timeZone: 'Europe/Paris',
      classProfiles: { motorway: SAWTOOTH },
    });
    for (const change of [PARIS_SPRING, PARIS_FALL]) assertFifo(paris, change - 6 * HOUR_MS, change + 3 * HOUR_MS, SECOND);
  });

  it('is FIFO at sub-millisecond entry instants, before and after rounding', () => {
    const rand = mulberry32(7);
    const entries = Array.from({ length: 20_000 }, () => WED + 6.5 * HOUR_MS + rand() * 3 * HOUR_MS).sort((x, y) => x - y);
    for (let a = 0; a < star.numArcs; a += 3) {
      let lastExact = -Infinity;
      let lastRounded = -Infinity;
      for (const t of entries) {
        const exact = model.exactArrivalMs(model.arcSlot[a]!, star.durationMs[a]!, t);
        const rounded = model.arrivalMs(a, t);
        assert.ok(exact >= lastExact && rounded >= lastRounded, `arc ${a} at ${t}`);
        assert.ok(rounded === Math.ceil(exact) && rounded - 1 < exact);
        assert.equal(model.traversalMs(a, t), rounded - t);
        lastExact = exact;
        lastRounded = rounded;
      }
    }
  });

  it('takes exactly durationMs at free flow, whatever the instant and length', () => {
    const free = new RoadTrafficModel(star, {
      classProfiles: Object.fromEntries(ROAD_CLASSES.map((c) => [c, FREE_FLOW_CONGESTION_PROFILE])) as Record<RoadClass, typeof FREE_FLOW_CONGESTION_PROFILE>,
    });
    const bike = new RoadTrafficModel({ ...star, profile: 'bike' });
    const rand = mulberry32(3);
    for (let i = 0; i < 2000; i++) {
      const t = MON + Math.floor(rand() * WEEK_MS);
      const a = Math.floor(rand() * star.numArcs);
      assert.equal(free.traversalMs(a, t), star.durationMs[a]);
      assert.equal(bike.traversalMs(a, t), star.durationMs[a]);
      assert.equal(bike.traversalMs(a, t + 0.25), star.durationMs[a]! + 0.75);
    }
    // Default car profiles are free flow at night: short arcs at 01:00 on a weekday.
    for (let a = 0; a < star.numArcs; a++) {
      if (star.durationMs[a]! <= 3_600_000) assert.equal(model.traversalMs(a, WED + HOUR_MS), star.durationMs[a]);
    }
  });

  it('integrates the speed through the peak (a long arc feels the change during it)', () => {
    const primary = roadClassCode('primary');
    const a = primary * DURATIONS_MS.length + DURATIONS_MS.indexOf(3_600_000);
    // One free-flow hour of primary road entered at 17:00 runs at ≥ 0.6 (slowly recovering).
    const at17 = model.traversalMs(a, WED + 17 * HOUR_MS);
    assert.ok(at17 < 3_600_000 / 0.6 && at17 > 3_600_000 / 0.7, String(at17));
    // A short arc: m·T + b·T²/2 = D, checked by numeric integration of the multiplier.
    const b = primary * DURATIONS_MS.length + DURATIONS_MS.indexOf(120_000);
    const entry = WED + 7.9 * HOUR_MS;
    const exit = model.exactArrivalMs(model.arcSlot[b]!, 120_000, entry);
    let covered = 0;
    const steps = 10_000;
    const h = (exit - entry) / steps;
    for (let i = 0; i < steps; i++) covered += model.classSpeedFactorAt('primary', entry + (i + 0.5) * h) * h;
    near(covered, 120_000, 1e-3);
  });

  it('would not be FIFO with the arc scaled by the factor at entry (why the integral is used)', () => {
    const harsh = new RoadTrafficModel(starGraph([600_000], [0]), { classProfiles: { motorway: SAWTOOTH } });
    const naiveExit = (t: number): number => t + 600_000 / harsh.speedFactorAt(0, t);
    const t1 = WED + 1.05 * HOUR_MS; // factor rising from 0.05 towards 1
    assert.ok(naiveExit(t1 + 60_000) < naiveExit(t1), 'entering later exits earlier');
    assert.ok(harsh.arrivalMs(0, t1 + 60_000) >= harsh.arrivalMs(0, t1));
  });

  describe('partial arcs', () => {
    const a = roadClassCode('primary') * DURATIONS_MS.length + DURATIONS_MS.indexOf(900_000);

    it('runs from the entry instant (fraction 0) to the whole arc (fraction 1), monotone in between', () => {
      const t = WED + 16.8 * HOUR_MS;
      assert.equal(model.arrivalMs(a, t, 0), t);
      assert.equal(model.arrivalMs(a, t, 1), model.arrivalMs(a, t));
      let last = t;
      for (let f = 0.01; f <= 1; f += 0.01) {
        const exit = model.arrivalMs(a, t, f);
        assert.ok(exit >= last);
        last = exit;
      }
    });

    it('is the same integration over fraction × durationMs of free-flow time, rounded up', () => {
      const t = WED + 7.5 * HOUR_MS + 0.4;
      for (const f of [0.1, 0.37, 0.5, 0.93]) {
        assert.equal(model.arrivalMs(a, t, f), Math.ceil(model.exactArrivalMs(model.arcSlot[a]!, f * 900_000, t)));
      }
      const bike = new RoadTrafficModel({ ...star, profile: 'bike' });
      assert.equal(bike.arrivalMs(a, WED, 0.25), WED + 225_000);
      assert.equal(bike.arrivalMs(a, WED, 1 / 3), Math.ceil(WED + 300_000));
    });

    it('is FIFO in the entry instant for every fraction', () => {
      for (const f of [0.05, 0.5, 0.95]) {
        let last = -Infinity;
        for (let t = WED + 6 * HOUR_MS; t < WED + 10 * HOUR_MS; t += SECOND) {
          const exit = model.arrivalMs(a, t, f);
          assert.ok(exit >= last);
          last = exit;
        }
      }
    });
  });
});
