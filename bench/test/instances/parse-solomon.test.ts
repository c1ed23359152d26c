import assert from 'node:assert/strict';
import { InstanceParseError, parseSolomon } from '@o2o/bench';
import { TINY_SOLOMON_TEXT } from '../fixtures/tiny-instances.js';

const withRow = (from: string, to: string) => TINY_SOLOMON_TEXT.replace(from, to);

describe('parseSolomon', () => {
  it('reads the fleet, the capacity and every row of a CRLF file with header lines', () => {
    const instance = parseSolomon(TINY_SOLOMON_TEXT, 'tiny');
    assert.equal(instance.format, 'solomon');
    assert.equal(instance.name, 'tiny');
    assert.deepEqual([instance.fleetSize, instance.capacity, instance.nodes.length], [2, 50, 4]);
    assert.deepEqual(instance.nodes[0], { id: 0, x: 0, y: 0, demand: 0, readyTime: 0, dueTime: 200, serviceTime: 0, pickupId: 0, deliveryId: 0 });
    assert.deepEqual(instance.nodes[3], { id: 3, x: 20, y: 0, demand: 30, readyTime: 60, dueTime: 80, serviceTime: 10, pickupId: 0, deliveryId: 0 });
  });

  it('throws naming the line when a customer row has the wrong number of fields', () => {
    assert.throws(() => parseSolomon(withRow('    2      8        38         20', '    2      8        38'), 'tiny'), (error: unknown) => {
      assert.ok(error instanceof InstanceParseError);
      assert.match(error.message, /^tiny line 12: expected 7 integers \(id x y demand ready due service\)/);
      return true;
    });
  });

  it('throws when the ids do not run 0, 1, 2, … in file order', () => {
    assert.throws(() => parseSolomon(withRow('    2      8', '    7      8'), 'tiny'), /node ids must be 0, 1, 2, … in file order, got id 7 in row 2/);
  });

  it('throws when the file has no VEHICLE row', () => {
    const text = TINY_SOLOMON_TEXT.replace('  2         50', '');
    assert.throws(() => parseSolomon(text, 'tiny'), /no VEHICLE row "number capacity" found/);
  });

  it('throws when a ready time exceeds its due time', () => {
    assert.throws(() => parseSolomon(withRow('60        80', '90        80'), 'tiny'), /node 3 ready time must not exceed its due time \(80\), got 90/);
  });

  it('throws on a value that is not an integer', () => {
    assert.throws(() => parseSolomon(withRow('   20         0         30', '   20         0.5       30'), 'tiny'), /^InstanceParseError: tiny line 13: expected integers, got "3 20 0.5 30 60 80 10"$/);
  });
});
