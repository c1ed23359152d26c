import assert from 'node:assert/strict';
import { RIDER_MODES, RIDER_STATUSES, validateRider, type DispatchInputErrorCode } from '@o2o/dispatch-core';
import { T0, riderInput } from '../fixtures/tiny-city.js';
import { assertInputError } from '../helpers/assert-input-error.js';

type Case = [rule: string, overrides: Record<string, unknown>, code: DispatchInputErrorCode, field: string, got: string];

const CASES: Case[] = [
  ['id is a non-empty string', { id: 7 }, 'INVALID_INPUT', 'riders[2].id', '7'],
  ['name, when given, is a non-empty string', { name: '' }, 'INVALID_INPUT', 'riders[2].name', '""'],
  ['position is a [lng, lat] array', { position: [1] }, 'INVALID_COORDINATE', 'riders[2].position', '[1]'],
  ['position lat is finite', { position: [1, Number.NaN] }, 'INVALID_COORDINATE', 'riders[2].position[1] (lat)', 'NaN'],
  ['mode is a travel mode', { mode: 'horse' }, 'INVALID_INPUT', 'riders[2].mode', '"horse"'],
  ['capacity is positive', { capacity: 0 }, 'INVALID_INPUT', 'riders[2].capacity', '0'],
  ['capacity is an integer', { capacity: 2.5 }, 'INVALID_INPUT', 'riders[2].capacity', '2.5'],
  ['bagLimit is at least 1', { bagLimit: 0 }, 'INVALID_INPUT', 'riders[2].bagLimit', '0'],
  ['bagLimit is a number', { bagLimit: '3' }, 'INVALID_INPUT', 'riders[2].bagLimit', '"3"'],
  ['shiftStart is epoch seconds', { shiftStart: 1.5 }, 'INVALID_INPUT', 'riders[2].shiftStart', '1.5'],
  ['shiftEnd is epoch seconds, not milliseconds', { shiftEnd: Date.UTC(2024, 0, 1) }, 'INVALID_INPUT', 'riders[2].shiftEnd', String(Date.UTC(2024, 0, 1))],
  ['shiftStart < shiftEnd', { shiftEnd: T0 - 1800 }, 'INVALID_INPUT', 'riders[2].shiftEnd', String(T0 - 1800)],
  ['status is a rider status', { status: 'asleep' }, 'INVALID_INPUT', 'riders[2].status', '"asleep"'],
];

describe('rider', () => {
  describe('validateRider', () => {
    it('accepts a valid rider and returns a frozen copy', () => {
      const input = riderInput({ name: 'Ana' });
      const rider = validateRider(input);
      assert.deepEqual(rider, input);
      assert.ok(Object.isFrozen(rider) && Object.isFrozen(rider.position));
    });

    it('uses the travel modes of @o2o/geo', () => {
      assert.deepEqual(RIDER_MODES, ['walk', 'bike', 'escooter', 'car']);
    });

    it('accepts every mode and status', () => {
      for (const mode of RIDER_MODES) for (const status of RIDER_STATUSES) validateRider(riderInput({ mode, status }));
    });

    it('accepts a bag limit of 1 and a capacity of 1', () => {
      assert.equal(validateRider(riderInput({ bagLimit: 1, capacity: 1 })).bagLimit, 1);
    });

    for (const [rule, overrides, code, field, got] of CASES) {
      it(`throws ${code} on ${field} unless ${rule}`, () => {
        assertInputError(() => validateRider(riderInput(overrides), 'riders[2]'), { code, field, got });
      });
    }

    it('names both shift times in the shift-order message', () => {
      const error = assertInputError(() => validateRider(riderInput({ shiftStart: T0, shiftEnd: T0 })), {
        code: 'INVALID_INPUT',
        field: 'rider.shiftEnd',
        got: String(T0),
      });
      assert.equal(error.message, `rider.shiftEnd must be greater than shiftStart (${T0}), got ${T0}`);
    });
  });
});
