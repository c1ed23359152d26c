/**
 * Time-dependent arc speeds on a {@link RoadGraph}:
 * `speed(arc, t) = freeFlowSpeed(arc) × (1 − s × (1 − F(profile(arc), dayType, localTime(t))))`,
 * where `F` is the arc's congestion profile (its road class's by default, or one given for its OSM
 * way or for the arc itself), piecewise linear between local hour marks (see
 * `congestion-profile.ts`), and `s` the congestion sensitivity of the graph's profile.
 *
 * **FIFO by integration.** The time to cross an arc entered at `t` is the `T` with
 * `∫ₜ^{t+T} m(τ) dτ = durationMs(arc)` (`m` the speed multiplier): the arc's length driven at the
 * varying speed. Between two local hour marks (or a daylight-saving change) `m` is linear, so
 * each piece is one closed-form quadratic root; arcs shorter than the rest of the hour (nearly all)
 * take one square root. The exit instant `t + T(t)` has derivative `m(t + T) / m(t) > 0`, so
 * entering later never exits earlier, whatever the profile. The alternative, scaling the arc by
 * the factor at entry (`T = D / m(t)`), is FIFO only while `D × m′(t) ≤ m(t)²` (about three hours of
 * arc on the default car curves, but seconds on a steep custom profile, so every profile would need
 * a slope check against the longest arc) and ignores a peak starting during the arc. Measured in
 * the TD-Dijkstra loop on a 40,000-vertex grid city (200 random queries, best of 7): static
 * weights 2.17 ms/query, entry evaluation 2.30 (+6 %), exact integration 2.55 (+18 %). The exact
 * form costs about 11 % per query more than entry evaluation and needs no slope bound, so it is
 * used everywhere.
 *
 * **Integer milliseconds.** Exit instants are rounded up (`Math.ceil`) to integer ms: the ceiling of
 * a non-decreasing function is non-decreasing, so FIFO survives rounding, and a search that starts at
 * an integer instant keeps integer labels. At free flow the exit is exactly `t + durationMs`.
 *
 * The factors of each time piece are cached in a small ring of segments (start, end, multiplier
 * and slope per profile slot), so the inner loop reads two typed-array entries per arc and never
 * allocates. A model is not safe to share across worker threads (the cache is mutable), but any
 * number of searchers on one thread may share it.
 */
import { GeoInputError } from '../../errors.js';
import { hourMarkFactor, packCongestionProfile, type CongestionProfile } from '../../travel-time/congestion-profile.js';
import { SEC_PER_HOUR, fixedOffsetClock, timeZoneClock, type LocalClock } from '../../travel-time/local-clock.js';
import { assertIntegerInRange, assertNumberInRange } from '../../validate.js';
import { NUM_ROAD_CLASSES, ROAD_CLASSES, isRoadClass, type RoadClass } from '../road-class.js';
import { arcTails, type RoadGraph } from '../road-graph.js';
import {
  DEFAULT_ROAD_TRAFFIC_PROFILES,
  assertRoadTrafficProfile,
  defaultRoadCongestionSensitivity,
} from './road-traffic-profiles.js';

/** A congestion profile for one arc (by arc index). */
export interface ArcTrafficProfile {
  readonly arc: number;
  readonly profile: CongestionProfile;
}

/** A congestion profile for every arc of one OSM way. */
export interface WayTrafficProfile {
  readonly wayId: number;
  readonly profile: CongestionProfile;
}

export interface RoadTrafficModelOptions {
  /** Local time is UTC plus this many minutes (fixed, no daylight saving). Default 0. */
  utcOffsetMin?: number;
  /** Local time of an IANA zone (`'Europe/Lisbon'`), with its daylight-saving changes. Exclusive with `utcOffsetMin`. */
  timeZone?: string;
  /**
   * Share of congestion the graph's travellers feel, [0, 1]. Default by `graph.profile`
   * ({@link DEFAULT_ROAD_CONGESTION_SENSITIVITY}: car 1, scooter 0.5, bike 0, walk 0; others 1).
   */
  congestionSensitivity?: number;
  /** Profiles replacing the defaults of some road classes ({@link DEFAULT_ROAD_TRAFFIC_PROFILES}). */
  classProfiles?: Partial<Record<RoadClass, CongestionProfile>>;
  /**
   * Profiles of OSM ways (all arcs with that `graph.wayId`); override class profiles. Way ids that
   * match no arc are ignored (a city extract holds a part of the ways) and counted in
   * {@link RoadTrafficModel.unmatchedWayProfiles}.
   */
  wayProfiles?: readonly WayTrafficProfile[];
  /** Profiles of single arcs; override way and class profiles. */
  arcProfiles?: readonly ArcTrafficProfile[];
}

/** Segments cached per model (a power of two). Enough for an arc crossing 2½ days of hour marks. */
const NUM_SEGMENTS = 64;
const MS_PER_HOUR = SEC_PER_HOUR * 1000;
/** Profile slots: one per road class, then one per distinct custom (way/arc) profile. */
const MAX_SLOTS = 0xffff;
/** Largest instant accepted, ms since the epoch (the range of `Date`). */
export const MAX_INSTANT_MS = 8.64e15;

/** Time-dependent speeds of one graph (see the module comment for the model and its FIFO proof). */
export class RoadTrafficModel {
  readonly graph: RoadGraph;
  /** Share of congestion felt, [0, 1]. */
  readonly congestionSensitivity: number;
  readonly clock: LocalClock;
  /** Profile slot of each arc: its road class code, or a custom slot ≥ NUM_ROAD_CLASSES. */
  readonly arcSlot: Uint16Array;
  /** Number of profile slots (road classes + distinct custom profiles). */
  readonly numSlots: number;
  /** Tail vertex of every arc. */
  readonly tails: Uint32Array;
  /** `wayProfiles` entries whose way id matched no arc. */
  readonly unmatchedWayProfiles: number;
  /** Packed 48-factor profile of each slot (see `packCongestionProfile`). */
  private readonly packed: Float64Array[];
  // Segment ring: segment i covers UTC ms [segStartMs[i], segEndMs[i]); the multiplier of slot s
  // there is segM0[i·S+s] + segSlope[i·S+s] × (t − segStartMs[i]). Read by the searchers' inlined
  // fast path (valid until the next call that may fill a segment).
  /** @internal */
  readonly segStartMs = new Float64Array(NUM_SEGMENTS).fill(NaN);
  /** @internal */
  readonly segEndMs = new Float64Array(NUM_SEGMENTS).fill(NaN);
  /** @internal */
  readonly segM0: Float64Array;
  /** @internal */
  readonly segSlope: Float64Array;
  private cur = 0;
  private nextFill = 0;
  private readonly slotScratch: Float64Array;

  /** Throws `GeoInputError` naming the option at fault. */
  constructor(graph: RoadGraph, options: RoadTrafficModelOptions = {}) {
    this.graph = graph;
    if (options.utcOffsetMin !== undefined && options.timeZone !== undefined) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'timeZone', 'must not be given together with utcOffsetMin', options.timeZone);
    }
    this.clock = options.timeZone !== undefined ? timeZoneClock(options.timeZone) : fixedOffsetClock(options.utcOffsetMin ?? 0);
    const sensitivity = options.congestionSensitivity ?? defaultRoadCongestionSensitivity(graph.profile);
    assertNumberInRange('congestionSensitivity', sensitivity, 0, 1);
    this.congestionSensitivity = sensitivity;

    const profiles: CongestionProfile[] = ROAD_CLASSES.map((c) => DEFAULT_ROAD_TRAFFIC_PROFILES[c]);
    const classProfiles = options.classProfiles ?? {};
    if (typeof classProfiles !== 'object' || classProfiles === null) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'classProfiles', 'must be an object keyed by road class', classProfiles);
    }
    for (const [name, profile] of Object.entries(classProfiles)) {
      if (!isRoadClass(name)) throw new GeoInputError('GEO_INVALID_ARGUMENT', `classProfiles.${name}`, 'must be keyed by a road class', name);
      assertRoadTrafficProfile(`classProfiles.${name}`, profile);
      profiles[ROAD_CLASSES.indexOf(name)] = profile;
    }

    const m = graph.numArcs;
    const arcSlot = new Uint16Array(m);
    arcSlot.set(graph.roadClass);
    const slotOf = new Map<CongestionProfile, number>();
    const customSlot = (field: string, profile: unknown): number => {
      assertRoadTrafficProfile(field, profile);
      let slot = slotOf.get(profile);
      if (slot === undefined) {
        if (profiles.length >= MAX_SLOTS) {
          throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must not bring the distinct profiles above ${MAX_SLOTS - NUM_ROAD_CLASSES}`, profiles.length);
        }
        slot = profiles.length;
        profiles.push(profile);
        slotOf.set(profile, slot);
      }
      return slot;
    };
    let unmatched = 0;
    const wayProfiles = options.wayProfiles ?? [];
    if (!Array.isArray(wayProfiles)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'wayProfiles', 'must be an array of { wayId, profile }', wayProfiles);
    if (wayProfiles.length > 0) {
      const slotByWay = new Map<number, number>();
      wayProfiles.forEach((entry: WayTrafficProfile, i) => {
        const field = `wayProfiles[${i}]`;
        if (typeof entry !== 'object' || entry === null) throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object { wayId, profile }', entry);
        const { wayId } = entry;
        if (typeof wayId !== 'number' || !Number.isSafeInteger(wayId) || wayId < 1) {
          throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.wayId`, 'must be a positive integer OSM way id', wayId);
        }
        if (slotByWay.has(wayId)) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.wayId`, 'must appear once in wayProfiles', wayId);
        slotByWay.set(wayId, customSlot(`${field}.profile`, entry.profile));
      });
      const matched = new Set<number>();
      for (let a = 0; a < m; a++) {
        const slot = slotByWay.get(graph.wayId[a]!);
        if (slot !== undefined) {
          arcSlot[a] = slot;
          matched.add(graph.wayId[a]!);
        }
      }
      unmatched = slotByWay.size - matched.size;
    }
    this.unmatchedWayProfiles = unmatched;
    const arcProfiles = options.arcProfiles ?? [];
    if (!Array.isArray(arcProfiles)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'arcProfiles', 'must be an array of { arc, profile }', arcProfiles);
    const seenArcs = new Set<number>();
    arcProfiles.forEach((entry: ArcTrafficProfile, i) => {
      const field = `arcProfiles[${i}]`;
      if (typeof entry !== 'object' || entry === null) throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object { arc, profile }', entry);
      assertIntegerInRange(`${field}.arc`, entry.arc, 0, m - 1);
      if (seenArcs.has(entry.arc)) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.arc`, 'must appear once in arcProfiles', entry.arc);
      seenArcs.add(entry.arc);
      arcSlot[entry.arc] = customSlot(`${field}.profile`, entry.profile);
    });

    this.arcSlot = arcSlot;
    this.numSlots = profiles.length;
    this.packed = profiles.map(packCongestionProfile);
    this.segM0 = new Float64Array(NUM_SEGMENTS * this.numSlots);
    this.segSlope = new Float64Array(NUM_SEGMENTS * this.numSlots);
    this.slotScratch = new Float64Array(this.numSlots);
    this.tails = arcTails(graph);
  }

  /**
   * Exit instant (integer ms, rounded up) of `arc` entered at `entryMs` (ms since the epoch, may
   * be fractional). With `fraction` < 1, the exit of the first `fraction` of the arc (by length):
   * the same integration over `fraction × durationMs` of free-flow time, so a point part-way along
   * an arc is reached by the same FIFO rule, and `fraction` 1 is the whole arc.
   */
  arrivalMs(arc: number, entryMs: number, fraction = 1): number {
    assertIntegerInRange('arc', arc, 0, this.graph.numArcs - 1);
    assertNumberInRange('entryMs', entryMs, 0, MAX_INSTANT_MS);
    assertNumberInRange('fraction', fraction, 0, 1);
    return Math.ceil(this.exactArrivalMs(this.arcSlot[arc]!, fraction * this.graph.durationMs[arc]!, entryMs));
  }

  /** `arrivalMs(arc, entryMs, fraction) − entryMs`: integer ms when `entryMs` is an integer. */
  traversalMs(arc: number, entryMs: number, fraction = 1): number {
    return this.arrivalMs(arc, entryMs, fraction) - entryMs;
  }

  /**
   * The exact (unrounded) exit instant of `freeMs` of free-flow travel on profile `slot` started
   * at `t`. The inner loop of the time-dependent searches: no validation.
   * @internal
   */
  exactArrivalMs(slot: number, freeMs: number, t: number): number {
    let i = this.cur;
    if (!(t >= this.segStartMs[i]! && t < this.segEndMs[i]!)) i = this.segmentAt(t);
    const numSlots = this.numSlots;
    let k = i * numSlots + slot;
    let b = this.segSlope[k]!;
    let m = this.segM0[k]! + b * (t - this.segStartMs[i]!);
    let end = this.segEndMs[i]!;
    let rem = freeMs;
    for (;;) {
      // Root of m·T + b·T²/2 = rem in its cancellation-free form (exactly rem / m when b is 0).
      const dt = (2 * rem) / (m + Math.sqrt(Math.max(0, m * m + 2 * b * rem)));
      if (t + dt <= end) return t + dt;
      const len = end - t;
      rem -= (m + 0.5 * b * len) * len;
      t = end;
      if (!(rem > 0)) return t;
      i = this.segmentAt(t);
      k = i * numSlots + slot;
      b = this.segSlope[k]!;
      m = this.segM0[k]! + b * (t - this.segStartMs[i]!);
      end = this.segEndMs[i]!;
    }
  }

  /** Speed multiplier (free flow = 1, includes the sensitivity) of `arc` at `atMs`. */
  speedFactorAt(arc: number, atMs: number): number {
    assertIntegerInRange('arc', arc, 0, this.graph.numArcs - 1);
    assertNumberInRange('atMs', atMs, 0, MAX_INSTANT_MS);
    return this.slotFactorAt(this.arcSlot[arc]!, atMs);
  }

  /** Speed multiplier of road class `roadClass` (name or code) at `atMs`. */
  classSpeedFactorAt(roadClass: RoadClass | number, atMs: number): number {
    const code = typeof roadClass === 'number' ? roadClass : ROAD_CLASSES.indexOf(roadClass);
    assertIntegerInRange('roadClass', code, 0, NUM_ROAD_CLASSES - 1);
    assertNumberInRange('atMs', atMs, 0, MAX_INSTANT_MS);
    return this.slotFactorAt(code, atMs);
  }

  /**
   * Speed multipliers of every road class at `atMs` into `out[classCode]` (length ≥
   * NUM_ROAD_CLASSES): the table a "static weights per time bucket" scheme scales by. Arcs with
   * their own way or arc profile are not in it (see {@link staticDurationsAt}).
   */
  speedFactorsAt(atMs: number, out: Float64Array = new Float64Array(NUM_ROAD_CLASSES)): Float64Array {
    assertNumberInRange('atMs', atMs, 0, MAX_INSTANT_MS);
    if (out.length < NUM_ROAD_CLASSES) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'out', `must have length ≥ ${NUM_ROAD_CLASSES}`, out.length);
    const i = this.segmentAt(atMs);
    const base = i * this.numSlots;
    const dt = atMs - this.segStartMs[i]!;
    for (let c = 0; c < NUM_ROAD_CLASSES; c++) out[c] = this.segM0[base + c]! + this.segSlope[base + c]! * dt;
    return out;
  }

  /**
   * Static arc durations for the speeds at one instant: `out[a] = max(1, round(durationMs[a] /
   * multiplier(a, atMs)))`, every arc (custom profiles included). Free flow gives `durationMs`
   * itself. An approximation of time-dependent routing (frozen at `atMs`), e.g. one contraction
   * hierarchy per time bucket; it is not FIFO-exact.
   */
  staticDurationsAt(atMs: number, out: Uint32Array = new Uint32Array(this.graph.numArcs)): Uint32Array {
    assertNumberInRange('atMs', atMs, 0, MAX_INSTANT_MS);
    if (out.length < this.graph.numArcs) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'out', `must have length ≥ ${this.graph.numArcs}`, out.length);
    const i = this.segmentAt(atMs);
    const base = i * this.numSlots;
    const dt = atMs - this.segStartMs[i]!;
    const factor = this.slotScratch;
    for (let s = 0; s < this.numSlots; s++) factor[s] = this.segM0[base + s]! + this.segSlope[base + s]! * dt;
    const { durationMs } = this.graph;
    const slots = this.arcSlot;
    for (let a = 0; a < this.graph.numArcs; a++) {
      const f = factor[slots[a]!]!;
      out[a] = f === 1 ? durationMs[a]! : Math.max(1, Math.round(durationMs[a]! / f));
    }
    return out;
  }

  private slotFactorAt(slot: number, atMs: number): number {
    const i = this.segmentAt(atMs);
    const k = i * this.numSlots + slot;
    return this.segM0[k]! + this.segSlope[k]! * (atMs - this.segStartMs[i]!);
  }

  /**
   * Ring index of the cached segment holding `tMs`, computing it when absent.
   * @internal
   */
  segmentAt(tMs: number): number {
    const start = this.segStartMs;
    const end = this.segEndMs;
    let i = this.cur;
    if (tMs >= start[i]! && tMs < end[i]!) return i;
    i = (i + 1) & (NUM_SEGMENTS - 1); // the next piece of time is usually the next slot filled
    if (!(tMs >= start[i]! && tMs < end[i]!)) {
      for (i = 0; i < NUM_SEGMENTS; i++) if (tMs >= start[i]! && tMs < end[i]!) break;
      if (i === NUM_SEGMENTS) {
        i = this.nextFill;
        this.nextFill = (i + 1) & (NUM_SEGMENTS - 1);
        this.fillSegment(i, tMs);
      }
    }
    this.cur = i;
    return i;
  }

  /** Computes the piece of time holding `tMs`: one local hour, cut at daylight-saving changes. */
  private fillSegment(i: number, tMs: number): void {
    const clock = this.clock;
    const sec = tMs / 1000;
    const offsetSec = clock.utcOffsetSecAt(sec);
    const hourIdx = Math.floor((sec + offsetSec) / SEC_PER_HOUR);
    let startSec = hourIdx * SEC_PER_HOUR - offsetSec;
    let endSec = startSec + SEC_PER_HOUR;
    const changedBefore = clock.nextOffsetChange(startSec, sec);
    if (changedBefore <= sec) startSec = changedBefore;
    const changesAfter = clock.nextOffsetChange(sec, endSec);
    if (changesAfter < endSec) endSec = changesAfter;
    const intoHour = (startSec + offsetSec - hourIdx * SEC_PER_HOUR) / SEC_PER_HOUR;
    const s = this.congestionSensitivity;
    const base = i * this.numSlots;
    for (let slot = 0; slot < this.numSlots; slot++) {
      const packed = this.packed[slot]!;
      const f0 = hourMarkFactor(packed, hourIdx);
      const f1 = hourMarkFactor(packed, hourIdx + 1);
      const fStart = f0 + (f1 - f0) * intoHour;
      this.segM0[base + slot] = 1 - s * (1 - fStart);
      this.segSlope[base + slot] = (s * (f1 - f0)) / MS_PER_HOUR;
    }
    this.segStartMs[i] = startSec * 1000;
    this.segEndMs[i] = endSec * 1000;
  }
}
