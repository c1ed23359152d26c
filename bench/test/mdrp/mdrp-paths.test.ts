import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BenchArgError, InstanceParseError, listMdrpInstanceDirs, parseMdrpFloors, resolveMdrpFolder, resolveMdrpInstanceDir, resolveRappiDir } from '@o2o/bench';
import { writeTinyData } from './mdrp-fixtures.js';

describe('MDRP paths and floors', () => {
  it('resolves instance names, "mdrp" and Rappi ids under O2O_BENCHMARKS_DIR', () => {
    const data = writeTinyData();
    const saved = process.env['O2O_BENCHMARKS_DIR'];
    process.env['O2O_BENCHMARKS_DIR'] = data.root;
    try {
      assert.equal(resolveMdrpInstanceDir('tiny'), data.mdrpDir);
      assert.equal(resolveMdrpInstanceDir(data.mdrpDir), data.mdrpDir);
      assert.equal(resolveMdrpFolder('mdrp'), join(data.root, 'mdrp', 'instances'));
      assert.equal(resolveRappiDir('7'), data.rappiDir);
      assert.throws(() => resolveMdrpInstanceDir('nope'), (e: unknown) => e instanceof BenchArgError && /MDRP instance not found: "nope"/.test(e.message));
      assert.throws(() => resolveRappiDir('99'), BenchArgError);
      assert.deepEqual(listMdrpInstanceDirs(join(data.root, 'mdrp', 'instances')), [data.mdrpDir]);
      assert.deepEqual(listMdrpInstanceDirs(data.mdrpDir), [data.mdrpDir]);
    } finally {
      if (saved === undefined) delete process.env['O2O_BENCHMARKS_DIR'];
      else process.env['O2O_BENCHMARKS_DIR'] = saved;
      data.cleanup();
    }
  });

  it('parses floors by instance name and names a bad cell', () => {
    assert.deepEqual([...parseMdrpFloors('instance,click_to_door_floor_mean_min\na,28.42\nb,30\n')], [['a', 28.42], ['b', 30]]);
    assert.throws(() => parseMdrpFloors('instance,other\na,1\n'), (e: unknown) => e instanceof InstanceParseError && /header must have the columns instance and click_to_door_floor_mean_min/.test(e.message));
    assert.throws(() => parseMdrpFloors('instance,click_to_door_floor_mean_min\na,x\n'), /instance_summary\.csv line 2: click_to_door_floor_mean_min must be a number, got "x"/);
  });
});
