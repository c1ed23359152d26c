import assert from 'node:assert/strict';
import {
  StraightLineProvider,
  TRAVEL_MODES,
  UNREACHABLE,
  equirectangularDistanceCosM,
  mulberry32,
  randomPointInDisc,
  type LngLat,
  type TravelTimeMatrix,
} from '@o2o/geo';

const H = 3600;
const wed = (hour: number): number => Date.UTC(2024, 0, 10) / 1000 + hour * H;
const BOGOTA: LngLat = [-74.08, 4.61];

function randomPoints(seed: number, n: number, radiusM: number): LngLat[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => randomPointInDisc(rng, BOGOTA, radiusM));
}

describe('travel-time/StraightLineProvider matrices', () => {
  const provider = new StraightLineProvider();
  const sources = randomPoints(1, 23, 25_000);
  const targets = randomPoints(2, 31, 25_000);

  it('has numSources × numTargets integer cells in row-major Int32Arrays', () => {
    const m = provider.matrixSync(sources, targets, wed(8));
    assert.equal(m.numSources, 23);
    assert.equal(m.numTargets, 31);
    assert.ok(m.durationSec instanceof Int32Array && m.durationSec.length === 23 * 31);
    assert.ok(m.distanceM instanceof Int32Array && m.distanceM.length === 23 * 31);
    assert.equal(m.mode, 'escooter');
    assert.equal(m.departAt, wed(8));
    assert.equal(m.provider, 'straight-line');
    assert.equal(m.isFallback, false);
    assert.equal(m.cellProvenance, undefined);
  });

  it('agrees exactly with matrix() and with duration() for every cell, mode and departure', async () => {
    // Long-range points too, so trips cross several hour marks and midnight.
    const far = randomPoints(3, 12, 400_000);
    for (const mode of TRAVEL_MODES) {
      for (const departAt of [wed(3), wed(7.95), wed(9) - 1, wed(16.5) + 17, wed(23.99)]) {
        const a = provider.matrixSync([...sources, ...far], targets, departAt, { mode });
        const b = await provider.matrix([...sources, ...far], targets, departAt, { mode });
        assert.deepEqual(b, a);
        for (let i = 0; i < a.numSources; i++) {
          for (let j = 0; j < a.numTargets; j += 3) {
            const one = await provider.duration([...sources, ...far][i]!, targets[j]!, departAt, { mode });
            const cell = i * a.numTargets + j;
            assert.equal(one.durationSec, a.durationSec[cell], `${mode} ${departAt} [${i}, ${j}]`);
            assert.equal(one.distanceM, a.distanceM[cell]);
          }
        }
      }
    }
  });

  it('agrees with duration() when the provider is fresh (no shared departure plan)', () => {
    const m = new StraightLineProvider().matrixSync(sources, targets, wed(17.2), { mode: 'car' });
    for (let i = 0; i < sources.length; i++) {
      for (let j = 0; j < targets.length; j++) {
        const one = new StraightLineProvider().durationSync(sources[i]!, targets[j]!, wed(17.2), { mode: 'car' });
        assert.equal(one.durationSec, m.durationSec[i * targets.length + j]);
      }
    }
  });

  it('agrees with duration() for trips longer than a week (intercontinental bike rides)', () => {
    const paris = randomPoints(4, 3, 10_000).map(([lng, lat]): LngLat => [lng + 76.43, lat + 44.25]);
    const m = provider.matrixSync([...sources.slice(0, 3), ...paris], paris, wed(8), { mode: 'bike' });
    for (let i = 0; i < m.numSources; i++) {
      for (let j = 0; j < m.numTargets; j++) {
        const from = [...sources.slice(0, 3), ...paris][i]!;
        const one = provider.durationSync(from, paris[j]!, wed(8), { mode: 'bike' });
        assert.equal(one.durationSec, m.durationSec[i * m.numTargets + j]);
      }
    }
    assert.ok(m.durationSec[0]! > 7 * 86_400, String(m.durationSec[0]));
  });

  it('has a zero diagonal and is symmetric in distance for a square matrix', () => {
    const m = provider.matrixSync(sources, sources, wed(8), { mode: 'car' });
    for (let i = 0; i < sources.length; i++) {
      assert.equal(m.durationSec[i * sources.length + i], 0);
      assert.equal(m.distanceM[i * sources.length + i], 0);
      for (let j = 0; j < i; j++) {
        assert.equal(m.distanceM[i * sources.length + j], m.distanceM[j * sources.length + i]);
      }
    }
  });

  it('rounds metres to the nearest integer of equirectangular distance × detour', () => {
    const m = provider.matrixSync(sources, targets, wed(12));
    const rad = Math.PI / 180;
    for (let i = 0; i < sources.length; i++) {
      for (let j = 0; j < targets.length; j++) {
        const [lng1, lat1] = sources[i]!;
        const [lng2, lat2] = targets[j]!;
        const exactM = equirectangularDistanceCosM(lng1, lat1, Math.cos(lat1 * rad), lng2, lat2, Math.cos(lat2 * rad)) * 1.3;
        assert.equal(m.distanceM[i * targets.length + j], Math.round(exactM));
      }
    }
  });

  it('is longer in the morning peak than at night, cell by cell', () => {
    const night = provider.matrixSync(sources, targets, wed(3), { mode: 'car' });
    const peak = provider.matrixSync(sources, targets, wed(8), { mode: 'car' });
    for (let c = 0; c < night.durationSec.length; c++) {
      assert.ok(peak.durationSec[c]! >= night.durationSec[c]!);
    }
    assert.ok(peak.durationSec.reduce((s, v) => s + v, 0) > 1.2 * night.durationSec.reduce((s, v) => s + v, 0));
  });

  it('never reports UNREACHABLE at city scale', () => {
    const m = provider.matrixSync(sources, targets, wed(8));
    assert.ok(!m.durationSec.includes(UNREACHABLE) && !m.distanceM.includes(UNREACHABLE));
  });

  it('handles empty sources or targets', async () => {
    const m: TravelTimeMatrix = await provider.matrix([], targets, wed(8));
    assert.equal(m.numSources, 0);
    assert.equal(m.numTargets, 31);
    assert.equal(m.durationSec.length, 0);
    assert.equal(provider.matrixSync(sources, [], wed(8)).distanceM.length, 0);
  });

  it('writes into caller-owned arrays, using views when they are longer', () => {
    const durationSecOut = new Int32Array(23 * 31 + 5).fill(-7);
    const distanceMOut = new Int32Array(23 * 31);
    const m = provider.matrixSync(sources, targets, wed(8), { durationSecOut, distanceMOut });
    assert.equal(m.distanceM, distanceMOut);
    assert.equal(m.durationSec.buffer, durationSecOut.buffer);
    assert.equal(m.durationSec.length, 23 * 31);
    assert.equal(durationSecOut[23 * 31], -7);
    assert.deepEqual(m.durationSec, provider.matrixSync(sources, targets, wed(8)).durationSec);
  });

  it('handles points across the antimeridian', () => {
    const a: LngLat = [179.999, -16.5];
    const b: LngLat = [-179.999, -16.5];
    const m = provider.matrixSync([a], [b], wed(8), { mode: 'car' });
    assert.ok(m.distanceM[0]! > 200 && m.distanceM[0]! < 300, String(m.distanceM[0]));
    assert.equal(m.durationSec[0], provider.durationSync(a, b, wed(8), { mode: 'car' }).durationSec);
  });
});
