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
    assert.deepEqual(parseMdrpArgs(['0o100t100s1p100']), { instance: '0o100t100s1p100', policies: ['greedy'], compare: false, json: false });
    assert.deepEqual(parseMdrpArgs(['x', '--json', '--log', 'out.json', '--policy', 'greedy', '--svg', 'charts']), { instance: 'x', policies: ['greedy'], compare: false, json: true, svgDir: 'charts', logFile: 'out.json' });
    assert.throws(() => parseMdrpArgs(['x', '--log', '']), /--log must name a file/);
    assert.throws(() => parseMdrpArgs(['x', '--policy', 'nonexistent']), BenchArgError);
    assert.throws(() => parseMdrpArgs([]), /mdrp needs an MDRP instance folder/);
    const all = parseMdrpAllArgs(['mdrp', '--instances', '0o*']);
    assert.deepEqual([all.folder, all.policies, all.compare, all.instanceFilter], ['mdrp', ['greedy'], false, '0o*']);
    assert.throws(() => parseMdrpAllArgs(['mdrp', '--compare', '--policy', 'greedy']), /--policy or --compare, not both/);
    assert.deepEqual(parseRappiArgs(['4', '--full-shifts']), { dir: '4', policies: ['greedy'], compare: false, json: false, trimShifts: false });
    assert.equal(parseMdrpAllArgs(['mdrp', '--svg', 'charts']).svgDir, 'charts');
    assert.throws(() => parseMdrpArgs(['x', '--svg', '']), /--svg must name a folder/);
  });

  it('--compare runs greedy and ours, or says ours is not registered', () => {
    if (policyNames().includes('ours')) {
      assert.deepEqual(parseMdrpAllArgs(['mdrp', '--compare']).policies, ['greedy', 'ours']);
      assert.deepEqual([parseMdrpArgs(['x', '--compare']).policies, parseRappiArgs(['4', '--compare']).compare], [['greedy', 'ours'], true]);
      assert.throws(() => parseRappiArgs(['4', '--compare', '--policy', 'ours']), /rappi takes --policy or --compare, not both/);
      assert.throws(() => parseMdrpArgs(['x', '--compare', '--log', 'a.json']), /--log writes the itinerary of one policy: give --policy NAME, not --compare/);
    } else {
      assert.throws(() => parseMdrpAllArgs(['mdrp', '--compare']), (e: unknown) => e instanceof BenchArgError && /--compare runs greedy and ours, but "ours" is not registered \(available policies: .*greedy/.test(e.message));
    }
  });
});
