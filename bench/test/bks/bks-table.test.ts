import assert from 'node:assert/strict';
import { InstanceParseError, parseBksCsv, parseCsv, readBksTables } from '@o2o/bench';
import { makeTempDir } from '../fixtures/tiny-instances.js';

const BKS_CSV = [
  'instance,vehicles,distance,source',
  'C101,10,828.94,"vroom-scripts BKS.json key <instance>_distance (Braysy&Gendreau 2005, Jung&Moon 2002)"',
  'lrc207,3,1062.0483,"SINTEF ""TOP"" clone"',
  'R101,19,1650.80,',
  '',
].join('\r\n');

describe('parseCsv', () => {
  it('splits quoted fields holding commas, doubled quotes and newlines', () => {
    assert.deepEqual(parseCsv('a,"b,c","d ""e""",f\n"g\nh",,\r\n\n'), [['a', 'b,c', 'd "e"', 'f'], ['g\nh', '', '']]);
  });
});

describe('parseBksCsv', () => {
  it('reads vehicles, distance and source per instance, looked up ignoring case', () => {
    const table = parseBksCsv(BKS_CSV, 'bks.csv');
    assert.equal(table.size, 3);
    assert.deepEqual(table.get('c101'), { instance: 'C101', vehicles: 10, distance: 828.94, source: 'vroom-scripts BKS.json key <instance>_distance (Braysy&Gendreau 2005, Jung&Moon 2002)' });
    assert.deepEqual(table.get('LRC207'), { instance: 'lrc207', vehicles: 3, distance: 1062.0483, source: 'SINTEF "TOP" clone' });
    assert.deepEqual(table.get('R101'), { instance: 'R101', vehicles: 19, distance: 1650.8 });
    assert.equal(table.get('R102'), undefined);
  });

  it('accepts the columns in any order', () => {
    assert.equal(parseBksCsv('distance,instance,vehicles\n591.56,lc201,3\n', 'x.csv').get('lc201')?.distance, 591.56);
  });

  it('throws naming the file when a required column is missing', () => {
    assert.throws(() => parseBksCsv('instance,distance\nC101,828.94\n', 'bks.csv'), /^InstanceParseError: bks.csv: the header must have columns instance, vehicles, distance, got "instance,distance"$/);
  });

  it('throws naming the row and the value when vehicles or distance is not a number', () => {
    assert.throws(() => parseBksCsv('instance,vehicles,distance\nC101,ten,828.94\n', 'bks.csv'), (e: unknown) => e instanceof InstanceParseError && e.message === 'bks.csv row 2: vehicles must be an integer ≥ 1, got "ten"');
    assert.throws(() => parseBksCsv('instance,vehicles,distance\nC101,10,\n', 'bks.csv'), /bks.csv row 2: distance must be a number > 0, got ""/);
  });
});

describe('readBksTables', () => {
  it('reads bks.csv and bks_distance_objective.csv when present, and skips absent ones', () => {
    const tmp = makeTempDir();
    try {
      assert.deepEqual(readBksTables(tmp.dir), {});
      tmp.write('bks.csv', BKS_CSV);
      const only = readBksTables(tmp.dir);
      assert.equal(only.hierarchical?.get('C101')?.vehicles, 10);
      assert.equal(only.distanceObjective, undefined);
      tmp.write('bks_distance_objective.csv', 'instance,vehicles,distance\nC101,10,828.94\n');
      assert.equal(readBksTables(tmp.dir).distanceObjective?.get('C101')?.distance, 828.94);
    } finally {
      tmp.cleanup();
    }
  });
});
