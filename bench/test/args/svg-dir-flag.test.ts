import assert from 'node:assert/strict';
import { BenchArgError, parseSolveArgs, parseVrpArgs, svgDirFlag } from '@o2o/bench';

describe('svgDirFlag', () => {
  it('is absent without --svg, the folder with it, and an error for an empty one', () => {
    assert.deepEqual(svgDirFlag(undefined), {});
    assert.deepEqual(svgDirFlag('bench/charts'), { svgDir: 'bench/charts' });
    assert.throws(() => svgDirFlag(' '), (e: unknown) => e instanceof BenchArgError && e.message === '--svg must name a folder, got ""');
  });

  it('is an option of solve and vrp', () => {
    assert.equal(parseSolveArgs(['C101', '--svg', 'out']).svgDir, 'out');
    assert.equal(parseVrpArgs(['solomon', '--svg', 'out', '--curve', 'R101']).svgDir, 'out');
    assert.equal(parseVrpArgs(['solomon']).svgDir, undefined);
  });
});
