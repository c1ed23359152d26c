import assert from 'node:assert/strict';
import { BenchArgError, DEFAULT_TIME_LIMIT_MS, parseSolveArgs } from '@o2o/bench';

/** Asserts that parsing throws a BenchArgError with exactly this message. */
function assertArgError(argv: string[], message: string): void {
  assert.throws(() => parseSolveArgs(argv), (error: unknown) => {
    assert.ok(error instanceof BenchArgError, `expected a BenchArgError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

describe('parseSolveArgs', () => {
  it('defaults to auto format, distance objective, 1 s, seed 1, one thread, text output', () => {
    assert.deepEqual(parseSolveArgs(['C101.txt']), { instance: 'C101.txt', format: 'auto', objective: 'distance', timeLimitMs: DEFAULT_TIME_LIMIT_MS, seed: 1, threads: 1, json: false });
  });

  it('reads every option', () => {
    const argv = ['lc101.txt', '--format', 'lilim', '--time-limit-ms', '5000', '--max-iterations=200', '--seed', '0', '--threads', '4', '--objective', 'hierarchical', '--json'];
    assert.deepEqual(parseSolveArgs(argv), { instance: 'lc101.txt', format: 'lilim', objective: 'hierarchical', timeLimitMs: 5000, maxIterations: 200, seed: 0, threads: 4, json: true });
  });

  it('throws naming the flag and the value on a bad --format', () => {
    assertArgError(['C101.txt', '--format', 'cvrp'], '--format must be one of solomon, lilim, auto, got "cvrp"');
  });

  it('throws naming the flag and the value on a bad --objective', () => {
    assertArgError(['C101.txt', '--objective', 'time'], '--objective must be one of distance, hierarchical, got "time"');
  });

  it('throws on numbers that are not integers in range', () => {
    assertArgError(['C101.txt', '--time-limit-ms', '0'], '--time-limit-ms must be an integer ≥ 1, got "0"');
    assertArgError(['C101.txt', '--time-limit-ms', '1.5'], '--time-limit-ms must be an integer ≥ 1, got "1.5"');
    assertArgError(['C101.txt', '--seed=-1'], '--seed must be an integer ≥ 0, got "-1"');
    assertArgError(['C101.txt', '--threads', 'two'], '--threads must be an integer ≥ 1, got "two"');
    assertArgError(['C101.txt', '--max-iterations', ''], '--max-iterations must be an integer ≥ 1, got ""');
  });

  it('throws on a missing instance, extra arguments and unknown flags', () => {
    assertArgError([], 'solve needs an instance file (or a name such as C101)');
    assertArgError(['a.txt', 'b.txt'], 'solve takes only an instance file (or a name such as C101), got extra arguments "b.txt"');
    assert.throws(() => parseSolveArgs(['a.txt', '--fromat', 'lilim']), (e: unknown) => e instanceof BenchArgError && /^solve: Unknown option '--fromat'/.test(e.message));
    assert.throws(() => parseSolveArgs(['a.txt', '--format']), (e: unknown) => e instanceof BenchArgError && /^solve: Option '--format <value>' argument missing/.test(e.message));
  });
});
