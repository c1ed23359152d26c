import assert from 'node:assert/strict';
import { INSTANCE_CLASSES, classRank, instanceClassOf } from '@o2o/bench';

describe('instanceClassOf', () => {
  it('groups Solomon names into C1, C2, R1, R2, RC1, RC2', () => {
    const names = ['C101', 'C208', 'R112', 'R201', 'RC105', 'RC208', 'rc101'];
    assert.deepEqual(names.map(instanceClassOf), ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2', 'RC1']);
  });

  it('groups Li & Lim names into LC1 … LRC2', () => {
    const names = ['lc101', 'lc208', 'lr112', 'lr211', 'lrc108', 'lrc201'];
    assert.deepEqual(names.map(instanceClassOf), ['LC1', 'LC2', 'LR1', 'LR2', 'LRC1', 'LRC2']);
  });

  it('returns undefined for other names', () => {
    for (const name of ['C1', 'C301', 'X101', 'lc1010', 'tiny', 'LLC101']) assert.equal(instanceClassOf(name), undefined, name);
  });
});

describe('classRank', () => {
  it('orders classes as the benchmark tables do, unknown ones last', () => {
    assert.deepEqual(['LC1', 'other', 'RC2', 'C1', 'R2'].sort((a, b) => classRank(a) - classRank(b)), ['C1', 'R2', 'RC2', 'LC1', 'other']);
    assert.equal(INSTANCE_CLASSES.length, 12);
  });
});
