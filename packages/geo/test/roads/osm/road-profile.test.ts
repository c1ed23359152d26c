import assert from 'node:assert/strict';
import {
  GeoInputError,
  OsmImportError,
  ROAD_CLASSES,
  buildRoadGraphFromOsm,
  haversineDistanceM,
  mostSpecificAccess,
  parseMaxspeedKmh,
  roadClassCode,
  roadProfile,
  type OsmImportOptions,
  type OsmNodeInput,
  type OsmTags,
  type OsmWayInput,
  type RoadProfile,
} from '@o2o/geo';
import { findArc } from '../build/graph-helpers.js';

// A triangle: the way under test runs 1 → 2; a two-way residential detour 1 – 3 – 2 keeps the
// graph strongly connected whatever the test way allows.
const NODES: OsmNodeInput[] = [
  { id: 1, lng: 7.42, lat: 43.73 },
  { id: 2, lng: 7.422, lat: 43.73 },
  { id: 3, lng: 7.421, lat: 43.731 },
];
const DETOUR: OsmWayInput[] = [
  { id: 101, refs: [1, 3], tags: { highway: 'residential' } },
  { id: 102, refs: [3, 2], tags: { highway: 'residential' } },
];
const LENGTH_1_2_M = haversineDistanceM(7.42, 43.73, 7.422, 43.73);

function build(tags: OsmTags, profile: OsmImportOptions['profile'], extra: Omit<OsmImportOptions, 'profile'> = {}) {
  return buildRoadGraphFromOsm({ nodes: NODES, ways: [...DETOUR, { id: 200, refs: [1, 2], tags }] }, { profile, ...extra });
}

/** Which of the two direct arcs the way under test produced. */
function directions(tags: OsmTags, profile: OsmImportOptions['profile']): string[] {
  const { graph } = build(tags, profile);
  return [findArc(graph, NODES, 1, 2) ? '1>2' : '', findArc(graph, NODES, 2, 1) ? '2>1' : ''].filter(Boolean);
}

/** The travel time of the way under test, 1 → 2 (or 2 → 1). */
function durationMs(tags: OsmTags, profile: OsmImportOptions['profile'], extra: Omit<OsmImportOptions, 'profile'> = {}): number {
  const { graph } = build(tags, profile, extra);
  const arc = findArc(graph, NODES, 1, 2) ?? findArc(graph, NODES, 2, 1);
  assert.ok(arc, 'the way under test was dropped');
  return arc.durationMs;
}

const expectedMs = (kmh: number): number => Math.max(1, Math.round((LENGTH_1_2_M * 3600) / kmh));
const BOTH = ['1>2', '2>1'];

describe('road profiles', () => {
  describe('car', () => {
    it('reads oneway=yes|true|1 as forward, -1 as backward, no/none as both', () => {
      for (const v of ['yes', 'true', '1']) assert.deepEqual(directions({ highway: 'residential', oneway: v }, 'car'), ['1>2'], v);
      assert.deepEqual(directions({ highway: 'residential', oneway: '-1' }, 'car'), ['2>1']);
      assert.deepEqual(directions({ highway: 'residential', oneway: 'no' }, 'car'), BOTH);
      assert.deepEqual(directions({ highway: 'residential' }, 'car'), BOTH);
    });

    it('makes roundabouts, circular junctions and motorways one-way unless oneway=no', () => {
      assert.deepEqual(directions({ highway: 'primary', junction: 'roundabout' }, 'car'), ['1>2']);
      assert.deepEqual(directions({ highway: 'primary', junction: 'circular' }, 'car'), ['1>2']);
      assert.deepEqual(directions({ highway: 'motorway' }, 'car'), ['1>2']);
      assert.deepEqual(directions({ highway: 'motorway', oneway: 'no' }, 'car'), BOTH);
      assert.deepEqual(directions({ highway: 'motorway_link' }, 'car'), BOTH);
    });

    it('drops access=no|private, motor_vehicle/motorcar/vehicle=no|private, area=yes and reversible ways', () => {
      for (const tags of [
        { access: 'no' },
        { access: 'private' },
        { motor_vehicle: 'no' },
        { motor_vehicle: 'private' },
        { motorcar: 'no' },
        { vehicle: 'no' },
        { area: 'yes' },
        { oneway: 'reversible' },
        { oneway: 'alternating' },
        { access: 'yes', motor_vehicle: 'no' },
      ]) {
        assert.deepEqual(directions({ highway: 'residential', ...tags }, 'car'), [], JSON.stringify(tags));
      }
      assert.deepEqual(directions({ highway: 'residential', access: 'destination' }, 'car'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', access: 'delivery' }, 'car'), BOTH);
    });

    it('lets the most specific access tag decide (motorcar > motor_vehicle > vehicle > access)', () => {
      assert.deepEqual(directions({ highway: 'residential', access: 'no', motor_vehicle: 'yes' }, 'car'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', access: 'private', motorcar: 'destination' }, 'car'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', vehicle: 'no', motorcar: 'yes' }, 'car'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', motor_vehicle: 'yes', motorcar: 'no' }, 'car'), []);
    });

    it('does not route paths, cycleways, footways or unknown highway values', () => {
      for (const highway of ['cycleway', 'footway', 'path', 'track', 'steps', 'pedestrian', 'proposed', 'construction']) {
        assert.deepEqual(directions({ highway }, 'car'), [], highway);
      }
    });

    it('uses the OSRM class speeds', () => {
      assert.equal(durationMs({ highway: 'residential' }, 'car'), expectedMs(25));
      assert.equal(durationMs({ highway: 'primary' }, 'car'), expectedMs(65));
      assert.equal(durationMs({ highway: 'motorway' }, 'car'), expectedMs(90));
      assert.equal(durationMs({ highway: 'living_street' }, 'car'), expectedMs(10));
      assert.equal(durationMs({ highway: 'road' }, 'car'), expectedMs(20));
    });
  });

  describe('tag rules: maxspeed and access hierarchy', () => {
    it('caps the class speed when numeric and lower (km/h or mph), ignores it otherwise', () => {
      assert.equal(durationMs({ highway: 'primary', maxspeed: '30' }, 'car'), expectedMs(30));
      assert.equal(durationMs({ highway: 'primary', maxspeed: '30 mph' }, 'car'), expectedMs(30 * 1.609344));
      assert.equal(durationMs({ highway: 'primary', maxspeed: '50 km/h' }, 'car'), expectedMs(50));
      assert.equal(durationMs({ highway: 'residential', maxspeed: '50' }, 'car'), expectedMs(25));
      for (const maxspeed of ['none', 'signals', 'walk', 'RU:urban', '50;30', '0', '']) {
        assert.equal(durationMs({ highway: 'residential', maxspeed }, 'car'), expectedMs(25), maxspeed);
      }
      assert.equal(durationMs({ highway: 'cycleway', maxspeed: '10' }, 'bike'), expectedMs(10));
    });

    it('reads the most specific access value', () => {
      assert.equal(mostSpecificAccess({ access: 'no', bicycle: 'yes' }, ['bicycle', 'vehicle', 'access']), 'yes');
      assert.equal(mostSpecificAccess({ access: 'no' }, ['bicycle', 'vehicle', 'access']), 'no');
      assert.equal(mostSpecificAccess({}, ['foot', 'access']), undefined);
    });

    it('parses maxspeed values', () => {
      assert.equal(parseMaxspeedKmh('50'), 50);
      assert.equal(parseMaxspeedKmh(' 20.5 '), 20.5);
      assert.ok(Math.abs(parseMaxspeedKmh('30 mph')! - 48.28032) < 1e-9);
      assert.equal(parseMaxspeedKmh('30MPH'), 30 * 1.609344);
      assert.equal(parseMaxspeedKmh('70 kmh'), 70);
      assert.equal(parseMaxspeedKmh('none'), undefined);
      assert.equal(parseMaxspeedKmh('DE:urban'), undefined);
      assert.equal(parseMaxspeedKmh(undefined), undefined);
    });
  });

  describe('scooter', () => {
    it('drops motorways, motorroad=yes, moped=no; caps speeds at 40 km/h', () => {
      assert.deepEqual(directions({ highway: 'motorway' }, 'scooter'), []);
      assert.deepEqual(directions({ highway: 'motorway_link' }, 'scooter'), []);
      assert.deepEqual(directions({ highway: 'trunk', motorroad: 'yes' }, 'scooter'), []);
      assert.deepEqual(directions({ highway: 'residential', moped: 'no' }, 'scooter'), []);
      assert.equal(durationMs({ highway: 'primary' }, 'scooter'), expectedMs(40));
      assert.equal(durationMs({ highway: 'trunk' }, 'scooter'), expectedMs(40));
      assert.equal(durationMs({ highway: 'residential' }, 'scooter'), expectedMs(25));
    });

    it('lets moped=yes|designated re-admit a way and admit cycleways', () => {
      assert.deepEqual(directions({ highway: 'cycleway' }, 'scooter'), []);
      assert.deepEqual(directions({ highway: 'cycleway', moped: 'designated' }, 'scooter'), BOTH);
      assert.equal(durationMs({ highway: 'cycleway', moped: 'yes' }, 'scooter'), expectedMs(25));
      assert.deepEqual(directions({ highway: 'residential', access: 'no', moped: 'yes' }, 'scooter'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', motor_vehicle: 'no', moped: 'yes' }, 'scooter'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', motor_vehicle: 'no' }, 'scooter'), []);
      assert.deepEqual(directions({ highway: 'residential', motorcar: 'no' }, 'scooter'), BOTH);
      assert.deepEqual(directions({ highway: 'cycleway', moped: 'no' }, 'scooter'), []);
    });

    it('follows car one-way rules', () => {
      assert.deepEqual(directions({ highway: 'residential', oneway: 'yes' }, 'scooter'), ['1>2']);
      assert.deepEqual(directions({ highway: 'residential', oneway: 'yes', 'oneway:bicycle': 'no' }, 'scooter'), ['1>2']);
      assert.deepEqual(directions({ highway: 'primary', junction: 'roundabout' }, 'scooter'), ['1>2']);
    });
  });

  describe('bike', () => {
    it('routes cycleways, paths and tracks at their speeds; not motorways or trunks', () => {
      assert.equal(durationMs({ highway: 'cycleway' }, 'bike'), expectedMs(15));
      assert.equal(durationMs({ highway: 'path' }, 'bike'), expectedMs(13));
      assert.equal(durationMs({ highway: 'track' }, 'bike'), expectedMs(12));
      assert.equal(durationMs({ highway: 'primary' }, 'bike'), expectedMs(15));
      for (const highway of ['motorway', 'motorway_link', 'trunk', 'trunk_link', 'steps']) assert.deepEqual(directions({ highway }, 'bike'), [], highway);
    });

    it('routes footways and pedestrian streets only with bicycle=yes|designated|permissive, at 6 km/h', () => {
      assert.deepEqual(directions({ highway: 'footway' }, 'bike'), []);
      assert.deepEqual(directions({ highway: 'pedestrian' }, 'bike'), []);
      for (const bicycle of ['yes', 'designated', 'permissive']) {
        assert.equal(durationMs({ highway: 'footway', bicycle }, 'bike'), expectedMs(6), bicycle);
      }
    });

    it('drops bicycle=no and access=no unless bicycle grants access', () => {
      assert.deepEqual(directions({ highway: 'cycleway', bicycle: 'no' }, 'bike'), []);
      assert.deepEqual(directions({ highway: 'residential', access: 'no' }, 'bike'), []);
      assert.deepEqual(directions({ highway: 'residential', access: 'no', bicycle: 'yes' }, 'bike'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', motor_vehicle: 'no' }, 'bike'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', vehicle: 'no' }, 'bike'), []);
      assert.deepEqual(directions({ highway: 'residential', vehicle: 'no', bicycle: 'permissive' }, 'bike'), BOTH);
    });

    it('lifts one-way with oneway:bicycle=no and cycleway=opposite*', () => {
      assert.deepEqual(directions({ highway: 'residential', oneway: 'yes' }, 'bike'), ['1>2']);
      assert.deepEqual(directions({ highway: 'residential', oneway: 'yes', 'oneway:bicycle': 'no' }, 'bike'), BOTH);
      assert.deepEqual(directions({ highway: 'residential', oneway: '-1', 'oneway:bicycle': 'no' }, 'bike'), BOTH);
      for (const cycleway of ['opposite', 'opposite_lane', 'opposite_track']) {
        assert.deepEqual(directions({ highway: 'residential', oneway: 'yes', cycleway }, 'bike'), BOTH, cycleway);
      }
      assert.deepEqual(directions({ highway: 'residential', oneway: 'yes', cycleway: 'lane' }, 'bike'), ['1>2']);
      assert.deepEqual(directions({ highway: 'primary', junction: 'roundabout' }, 'bike'), ['1>2']);
    });
  });

  describe('walk', () => {
    it('walks every class at 5 km/h (steps 2) in both directions, ignoring one-way tags', () => {
      for (const highway of ['footway', 'pedestrian', 'path', 'residential', 'primary', 'cycleway', 'service', 'track']) {
        assert.equal(durationMs({ highway }, 'walk'), expectedMs(5), highway);
      }
      assert.equal(durationMs({ highway: 'steps' }, 'walk'), expectedMs(2));
      assert.deepEqual(directions({ highway: 'residential', oneway: 'yes' }, 'walk'), BOTH);
      assert.deepEqual(directions({ highway: 'primary', junction: 'roundabout' }, 'walk'), BOTH);
    });

    it('keeps off motorways and trunks unless foot=yes|designated', () => {
      for (const highway of ['motorway', 'motorway_link', 'trunk', 'trunk_link']) {
        assert.deepEqual(directions({ highway }, 'walk'), [], highway);
        assert.deepEqual(directions({ highway, foot: 'yes' }, 'walk'), BOTH, highway);
      }
      assert.deepEqual(directions({ highway: 'trunk', foot: 'designated' }, 'walk'), BOTH);
      assert.deepEqual(directions({ highway: 'trunk', foot: 'permissive' }, 'walk'), []);
    });

    it('drops foot=no and access=no|private unless foot grants access', () => {
      assert.deepEqual(directions({ highway: 'footway', foot: 'no' }, 'walk'), []);
      assert.deepEqual(directions({ highway: 'service', access: 'private' }, 'walk'), []);
      assert.deepEqual(directions({ highway: 'service', access: 'private', foot: 'yes' }, 'walk'), BOTH);
    });
  });

  describe('speed overrides and custom profiles', () => {
    it('applies speedsKmh overrides per class and stores the profile name', () => {
      const { graph } = build({ highway: 'residential' }, 'car', { speedsKmh: { residential: 50 } });
      assert.equal(graph.profile, 'car');
      assert.equal(findArc(graph, NODES, 1, 2)!.durationMs, expectedMs(50));
      assert.equal(durationMs({ highway: 'primary' }, 'car', { speedsKmh: { residential: 50 } }), expectedMs(65));
    });

    it('rejects bad speed overrides with the field, rule and value', () => {
      const run = (speedsKmh: unknown) => () => build({ highway: 'residential' }, 'car', { speedsKmh } as Omit<OsmImportOptions, 'profile'>);
      assert.throws(run({ residential: 0 }), (err: unknown) => {
        assert.ok(err instanceof GeoInputError);
        assert.equal(err.code, 'GEO_INVALID_ARGUMENT');
        assert.equal(err.field, 'options.speedsKmh.residential');
        assert.equal(err.message, 'options.speedsKmh.residential must be a finite speed in km/h in (0, 300], got 0');
        return true;
      });
      for (const bad of [-5, Number.NaN, 301, '50']) assert.throws(run({ residential: bad }), /options\.speedsKmh\.residential must be a finite speed in km\/h/);
      assert.throws(run({ highways: 10 }), /options\.speedsKmh\.highways is not a road class \(known: motorway, /);
      assert.throws(run({ cycleway: 10 }), /options\.speedsKmh\.cycleway is not routed by profile "car" \(routed: motorway, .*\); use a custom profile/);
      assert.throws(run([10]), /options\.speedsKmh must be an object mapping road classes to km\/h/);
    });

    it('rejects unknown profiles and options', () => {
      assert.throws(() => build({ highway: 'residential' }, 'truck' as 'car'), /options\.profile must be one of "car", "scooter", "bike", "walk" or a RoadProfile object, got "truck"/);
      assert.throws(
        () => buildRoadGraphFromOsm({ nodes: NODES, ways: DETOUR }, { profile: 'car', speed: 3 } as unknown as OsmImportOptions),
        /options\.speed is not an option \(known: profile, speedsKmh, bbox\)/,
      );
    });

    it('runs a custom profile: its table, access, oneway and speed function', () => {
      const sandy: RoadProfile = {
        name: 'sand-buggy',
        speedsKmh: { residential: 30, track: 20 },
        access: (tags) => tags['surface'] !== 'asphalt',
        oneway: (tags) => (tags['buggy'] === 'back' ? -1 : 0),
        speedKmh: (tags, _cls, classKmh) => (tags['surface'] === 'sand' ? classKmh / 2 : classKmh),
      };
      const { graph } = build({ highway: 'track', surface: 'sand', buggy: 'back' }, sandy);
      assert.equal(graph.profile, 'sand-buggy');
      const back = findArc(graph, NODES, 2, 1);
      assert.ok(back && !findArc(graph, NODES, 1, 2));
      assert.equal(back.durationMs, expectedMs(10));
      assert.equal(back.roadClass, roadClassCode('track'));
      assert.equal(findArc(graph, NODES, 1, 3)!.roadClass, roadClassCode('residential'));
      assert.deepEqual(directions({ highway: 'track', surface: 'asphalt' }, sandy), []);
      assert.deepEqual(directions({ highway: 'primary' }, sandy), []);
    });

    it('derives a custom profile from a built-in one by spreading it', () => {
      const base = roadProfile('bike');
      const cargo: RoadProfile = { ...base, name: 'cargo-bike', speedsKmh: { ...base.speedsKmh, cycleway: 12 } };
      assert.equal(durationMs({ highway: 'cycleway' }, cargo), expectedMs(12));
      assert.deepEqual(directions({ highway: 'residential', oneway: 'yes', 'oneway:bicycle': 'no' }, cargo), BOTH);
    });

    it('validates custom profiles and what they return', () => {
      const ok: RoadProfile = { name: 'x', speedsKmh: { residential: 10 }, access: () => true, oneway: () => 0 };
      assert.throws(() => build({ highway: 'residential' }, { ...ok, name: '' }), /options\.profile\.name must be a string of 1–64 characters, got ""/);
      assert.throws(() => build({ highway: 'residential' }, { ...ok, access: undefined } as unknown as RoadProfile), /options\.profile\.access must be a function/);
      assert.throws(() => build({ highway: 'residential' }, { ...ok, speedsKmh: { residential: 0 } }), /options\.profile\.speedsKmh\.residential must be a finite speed/);
      assert.throws(() => build({ highway: 'residential' }, { ...ok, speedsKmh: {} }), /options\.profile\.speedsKmh must give a speed to at least one road class/);
      assert.throws(
        () => build({ highway: 'residential' }, { ...ok, speedKmh: () => Number.NaN }),
        (err: unknown) => err instanceof GeoInputError && /profile "x"\.speedKmh\(way 101\) must return a finite speed in km\/h in \(0, 300\], got NaN/.test(err.message),
      );
      assert.throws(() => build({ highway: 'residential' }, { ...ok, oneway: () => 2 as 0 }), /profile "x"\.oneway\(way 101\) must return -1, 0 or 1, got 2/);
    });

    it('exposes every built-in profile as a frozen object over known classes', () => {
      for (const name of ['car', 'scooter', 'bike', 'walk'] as const) {
        const p = roadProfile(name);
        assert.equal(p.name, name);
        assert.ok(Object.isFrozen(p));
        for (const cls of Object.keys(p.speedsKmh)) assert.ok((ROAD_CLASSES as readonly string[]).includes(cls), cls);
      }
      assert.equal(Object.keys(roadProfile('walk').speedsKmh).length, ROAD_CLASSES.length);
    });

    it('throws GEO_EMPTY_ROAD_GRAPH when the profile routes nothing', () => {
      assert.throws(
        () => buildRoadGraphFromOsm({ nodes: NODES, ways: [{ id: 1, refs: [1, 2], tags: { highway: 'footway' } }] }, { profile: 'car' }),
        (err: unknown) => err instanceof OsmImportError && err.code === 'GEO_EMPTY_ROAD_GRAPH' && /profile "car"/.test(err.message),
      );
    });
  });
});
