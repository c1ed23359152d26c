import assert from 'node:assert/strict';
import { BenchArgError, matchesAnyPattern, parseNamePatterns, selectInstances } from '@o2o/bench';

const FILES = ['/d/C101.txt', '/d/C102.txt', '/d/C201.txt', '/d/R101.txt', '/d/RC101.txt'];

describe('parseNamePatterns', () => {
  it('matches comma-separated names and globs, ignoring case', () => {
    const patterns = parseNamePatterns('c1*, R101');
    assert.deepEqual(['C101', 'C102', 'C201', 'R101', 'RC101'].filter((n) => matchesAnyPattern(n, patterns)), ['C101', 'C102', 'R101']);
    assert.ok(matchesAnyPattern('lrc204', parseNamePatterns('lrc2??')));
    assert.ok(!matchesAnyPattern('lrc2041', parseNamePatterns('lrc2??')));
  });

  it('throws naming --instances on an empty list or a character outside globs', () => {
    assert.throws(() => parseNamePatterns(' , '), (e: unknown) => e instanceof BenchArgError && /^--instances must list at least one name or glob, got " , "$/.test(e.message));
    assert.throws(() => parseNamePatterns('C1[01]'), /--instances entries may use .*, got "C1\[01\]"/);
  });
});

describe('selectInstances', () => {
  it('keeps every file without patterns, and the matching ones with', () => {
    assert.deepEqual(selectInstances(FILES, undefined, undefined, '/d').files, FILES);
    assert.deepEqual(selectInstances(FILES, parseNamePatterns('R*'), undefined, '/d').files, ['/d/R101.txt', '/d/RC101.txt']);
  });

  it('returns the --curve instance spelt as its file', () => {
    assert.equal(selectInstances(FILES, undefined, 'c201', '/d').curveInstance, 'C201');
  });

  it('throws when nothing matches, or the --curve instance is not run', () => {
    assert.throws(() => selectInstances(FILES, parseNamePatterns('X*'), undefined, '/d'), /--instances matches none of the 5 instances in "\/d"/);
    assert.throws(() => selectInstances(FILES, parseNamePatterns('C1*'), 'R101', '/d'), /--curve must name one of the instances run, got "R101"/);
    assert.throws(() => selectInstances([], undefined, undefined, '/d'), /no instance files/);
  });
});
