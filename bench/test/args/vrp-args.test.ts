import assert from 'node:assert/strict';
import { BenchArgError, parseVrpArgs } from '@o2o/bench';

describe('parseVrpArgs', () => {
  it('reads the folder, the shared solve options and the folder-run options', () => {
    const args = parseVrpArgs(['solomon', '--instances', 'C1*,R101', '--curve', 'C101', '--out', 'bench/baselines/x.json', '--time-limit-ms', '200', '--objective', 'hierarchical']);
    assert.equal(args.folder, 'solomon');
    assert.equal(args.instanceFilter, 'C1*,R101');
    assert.equal(args.instancePatterns?.length, 2);
    assert.equal(args.curveInstance, 'C101');
    assert.equal(args.outFile, 'bench/baselines/x.json');
    assert.deepEqual([args.timeLimitMs, args.objective, args.format, args.seed, args.threads, args.json], [200, 'hierarchical', 'auto', 1, 1, false]);
  });

  it('leaves the optional parts out when absent', () => {
    const args = parseVrpArgs(['/data/lilim']);
    assert.deepEqual([args.instancePatterns, args.curveInstance, args.outFile, args.maxIterations], [undefined, undefined, undefined, undefined]);
  });

  it('throws clear errors naming the flag and the value', () => {
    const message = (argv: string[]) => {
      try {
        parseVrpArgs(argv);
      } catch (error) {
        assert.ok(error instanceof BenchArgError);
        return error.message;
      }
      return 'no error';
    };
    assert.equal(message(['solomon', '--format', 'tsplib']), '--format must be one of solomon, lilim, auto, got "tsplib"');
    assert.equal(message(['solomon', '--curve', ' ']), '--curve must name an instance, got ""');
    assert.equal(message(['solomon', '--instances', ',']), '--instances must list at least one name or glob, got ","');
    assert.equal(message([]), 'vrp needs a benchmark folder (or "solomon" / "lilim")');
  });
});
