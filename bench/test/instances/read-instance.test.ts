import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { InstanceParseError, detectInstanceFormat, instanceNameOf, listInstanceFiles, readInstance } from '@o2o/bench';
import { TINY_LILIM_TEXT, TINY_SOLOMON_TEXT, makeTempDir } from '../fixtures/tiny-instances.js';

describe('readInstance', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('detects each format and names the instance after its file', () => {
    const solomon = readInstance(tmp.write('C101.txt', TINY_SOLOMON_TEXT), 'auto');
    const lilim = readInstance(tmp.write('lc101.txt', TINY_LILIM_TEXT), 'auto');
    assert.deepEqual([solomon.name, solomon.format, solomon.nodes.length], ['C101', 'solomon', 4]);
    assert.deepEqual([lilim.name, lilim.format, lilim.nodes.length], ['lc101', 'lilim', 5]);
  });

  it('parses with the format it is given', () => {
    assert.throws(() => readInstance(tmp.write('x.txt', TINY_SOLOMON_TEXT), 'lilim'), InstanceParseError);
  });

  it('lists the *.txt instance files of a folder sorted by name, without README or csv files', () => {
    for (const name of ['RC101.txt', 'C201.txt', 'R101.txt', 'c101.txt', 'README.md', 'readme.txt', 'bks.csv']) tmp.write(name, TINY_SOLOMON_TEXT);
    assert.deepEqual(listInstanceFiles(tmp.dir).map((p) => basename(p)), ['c101.txt', 'C201.txt', 'R101.txt', 'RC101.txt']);
  });
});

describe('detectInstanceFormat', () => {
  it('throws naming --format when the text is neither format', () => {
    assert.throws(() => detectInstanceFormat('hello\nworld\n', 'odd'), /odd: cannot tell the format .* pass --format solomon\|lilim/);
  });
});

describe('instanceNameOf', () => {
  it('drops the folder and the extension', () => {
    assert.equal(instanceNameOf('/data/solomon/RC208.txt'), 'RC208');
  });
});
