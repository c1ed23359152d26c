import assert from 'node:assert/strict';
import { BenchArgError, createPolicy, parseMdrpAllArgs, parseMdrpArgs, parseRappiArgs, policyNames, registerPolicy } from '@o2o/bench';
import { GreedyPolicy, type SimPolicy } from '@o2o/dispatch-core';

describe('policy registry and MDRP command lines', () => {
  it('creates greedy, and a fresh policy per call', () => {
    const a = createPolicy('greedy');
    assert.ok(a instanceof GreedyPolicy);
    assert.notEqual(createPolicy('greedy'), a);
  });

  it('names the available policies when asked for one that is not registered', () => {
    assert.throws(() => createPolicy('nonexistent'), (e: unknown) => e instanceof BenchArgError && e.message === `--policy must be one of ${policyNames().join(', ')}, got "nonexistent"`);
  });

  it('registers a policy under a lower-case name', () => {
    const idle: SimPolicy = { name: 'idle', epochSec: 0, onPlacement: false, decide: () => [] };
    registerPolicy('idle-test', () => idle);
    assert.ok(policyNames().includes('idle-test'));
    assert.equal(createPolicy('idle-test'), idle);
    assert.throws(() => registerPolicy('Bad Name', () => idle), /policy name must be a lower-case word/);
  });

  it('parses mdrp, mdrp-all and rappi flags', () => {
    assert.deepEqual(parseMdrpArgs(['0o100t100s1p100']), { instance: '0o100t100s1p100', policy: 'greedy', json: false });
    assert.deepEqual(parseMdrpArgs(['x', '--json', '--log', 'out.json', '--policy', 'greedy']), { instance: 'x', policy: 'greedy', json: true, logFile: 'out.json' });
    assert.throws(() => parseMdrpArgs(['x', '--log', '']), /--log must name a file/);
    assert.throws(() => parseMdrpArgs(['x', '--policy', 'nonexistent']), BenchArgError);
    assert.throws(() => parseMdrpArgs([]), /mdrp needs an MDRP instance folder/);
    const all = parseMdrpAllArgs(['mdrp', '--instances', '0o*']);
    assert.deepEqual([all.folder, all.policies, all.compare, all.instanceFilter], ['mdrp', ['greedy'], false, '0o*']);
    assert.throws(() => parseMdrpAllArgs(['mdrp', '--compare', '--policy', 'greedy']), /--policy or --compare, not both/);
    assert.deepEqual(parseRappiArgs(['4', '--full-shifts']), { dir: '4', policy: 'greedy', json: false, trimShifts: false });
  });

  it('--compare runs greedy and ours, or says ours is not registered', () => {
    if (policyNames().includes('ours')) {
      assert.deepEqual(parseMdrpAllArgs(['mdrp', '--compare']).policies, ['greedy', 'ours']);
    } else {
      assert.throws(() => parseMdrpAllArgs(['mdrp', '--compare']), (e: unknown) => e instanceof BenchArgError && /--compare runs greedy and ours, but "ours" is not registered \(available policies: .*greedy/.test(e.message));
    }
  });
});
