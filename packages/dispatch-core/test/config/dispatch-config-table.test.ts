import assert from 'node:assert/strict';
import { DEFAULT_DISPATCH_CONFIG, listDispatchConfigParams, renderDispatchConfigTable } from '@o2o/dispatch-core';

/** Every leaf path of a configuration object (lists are leaves) with its value. */
function leavesOf(value: unknown, path = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[path, value]];
  return Object.entries(value).flatMap(([key, child]) => leavesOf(child, path === '' ? key : `${path}.${key}`));
}

describe('dispatch config table', () => {
  const leaves = leavesOf(DEFAULT_DISPATCH_CONFIG);

  it('lists every leaf of the defaults exactly once, with its default', () => {
    const rows = listDispatchConfigParams();
    assert.deepEqual(
      rows.map((r) => r.path),
      leaves.map(([path]) => path),
    );
    for (const [path, value] of leaves) assert.deepEqual(rows.find((r) => r.path === path)?.defaultValue, value, path);
  });

  it('covers each section, including the assignment parameters', () => {
    const paths = new Set(listDispatchConfigParams().map((r) => r.path));
    for (const path of ['assignment.commitHorizonSec', 'eta.alertMarginSec', 'pricing.surge.maxMultiplier', 'pricing.timeOfDay.windows', 'rebalancing.maxRepositionM']) {
      assert.ok(paths.has(path), path);
    }
    assert.ok(leaves.length >= 40, `only ${leaves.length} leaves`);
  });

  it('shows the range the validator enforces in the type', () => {
    const type = (path: string) => listDispatchConfigParams().find((r) => r.path === path)?.type;
    assert.equal(type('assignment.epochSec'), 'integer in [1, 3600]');
    assert.equal(type('assignment.latenessWeight'), 'number in [0, 100]');
    assert.equal(type('assignment.reassignNotPickedUp'), 'boolean');
  });

  it('gives every parameter a type and a one-sentence meaning', () => {
    for (const row of listDispatchConfigParams()) {
      assert.ok(row.type.length > 0, row.path);
      assert.match(row.meaning, /^[A-Z`].*\.$/, row.path);
    }
  });

  it('renders one Markdown row per leaf with path, type, JSON default and meaning', () => {
    const lines = renderDispatchConfigTable().trimEnd().split('\n');
    assert.equal(lines[0], '| Path | Type | Default | Meaning |');
    assert.equal(lines[1], '|---|---|---|---|');
    assert.equal(lines.length, 2 + leaves.length);
    leaves.forEach(([path, value], i) => {
      const line = lines[2 + i]!;
      assert.ok(line.startsWith(`| \`${path}\` | `), line);
      assert.ok(line.includes(`| \`${JSON.stringify(value)}\` |`), line);
      assert.equal(line.replace(/\\\|/g, '').split('|').length, 6, `unescaped pipe in ${line}`);
    });
  });

  it('renders the surge cap row as the README shows it', () => {
    const row = renderDispatchConfigTable()
      .split('\n')
      .find((l) => l.startsWith('| `pricing.surge.maxMultiplier`'));
    assert.equal(row, '| `pricing.surge.maxMultiplier` | `number in [1, 5]` | `2` | Largest surge multiplier (1 turns surge off). |');
  });
});
