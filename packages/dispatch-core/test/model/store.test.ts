import assert from 'node:assert/strict';
import { STORE_KINDS, isStoreOpenAt, validateStore, type DispatchInputErrorCode } from '@o2o/dispatch-core';
import { T0, storeInput } from '../fixtures/tiny-city.js';
import { assertInputError } from '../helpers/assert-input-error.js';

type Case = [rule: string, overrides: Record<string, unknown>, code: DispatchInputErrorCode, field: string, got: string];

const CASES: Case[] = [
  ['id is a non-empty string', { id: '' }, 'INVALID_INPUT', 'stores[0].id', '""'],
  ['name, when given, is a non-empty string', { name: 42 }, 'INVALID_INPUT', 'stores[0].name', '42'],
  ['kind is a known kind', { kind: 'kiosk' }, 'INVALID_INPUT', 'stores[0].kind', '"kiosk"'],
  ['location is a [lng, lat] array', { location: 'here' }, 'INVALID_COORDINATE', 'stores[0].location', '"here"'],
  ['location lng is in range', { location: [181, 4.6] }, 'INVALID_COORDINATE', 'stores[0].location[0] (lng)', '181'],
  ['location lat is in range', { location: [-74, 91] }, 'INVALID_COORDINATE', 'stores[0].location[1] (lat)', '91'],
  ['inventory is an object', { inventory: [1, 2] }, 'INVALID_INPUT', 'stores[0].inventory', '[1, 2]'],
  ['inventory quantities are integers ≥ 0', { inventory: { apple: -1 } }, 'INVALID_INPUT', 'stores[0].inventory["apple"]', '-1'],
  ['inventory quantities are integers', { inventory: { apple: 1.5 } }, 'INVALID_INPUT', 'stores[0].inventory["apple"]', '1.5'],
  ['inventory skus are non-empty', { inventory: { '': 1 } }, 'INVALID_INPUT', 'stores[0].inventory', '""'],
  ['openingHours is non-empty', { openingHours: [] }, 'INVALID_INPUT', 'stores[0].openingHours', '[]'],
  ['opening windows are objects', { openingHours: [7] }, 'INVALID_INPUT', 'stores[0].openingHours[0]', '7'],
  ['opensAt is epoch seconds', { openingHours: [{ opensAt: -5, closesAt: T0 }] }, 'INVALID_INPUT', 'stores[0].openingHours[0].opensAt', '-5'],
  ['closesAt is epoch seconds, not milliseconds', { openingHours: [{ opensAt: T0, closesAt: T0 * 1000 }] }, 'INVALID_INPUT', 'stores[0].openingHours[0].closesAt', String(T0 * 1000)],
  ['closesAt is after opensAt', { openingHours: [{ opensAt: T0, closesAt: T0 }] }, 'INVALID_INPUT', 'stores[0].openingHours[0].closesAt', String(T0)],
  [
    'windows do not overlap',
    { openingHours: [{ opensAt: T0, closesAt: T0 + 100 }, { opensAt: T0 + 50, closesAt: T0 + 200 }] },
    'INVALID_INPUT',
    'stores[0].openingHours[1].opensAt',
    String(T0 + 50),
  ],
  ['prepTimeSec is an integer ≥ 0', { prepTimeSec: -60 }, 'INVALID_INPUT', 'stores[0].prepTimeSec', '-60'],
];

describe('store', () => {
  describe('validateStore', () => {
    it('accepts a valid store and returns a frozen copy', () => {
      const input = storeInput();
      const store = validateStore(input);
      assert.deepEqual(store, input);
      assert.notEqual(store, input);
      assert.ok(Object.isFrozen(store) && Object.isFrozen(store.inventory) && Object.isFrozen(store.location));
    });

    it('accepts the minimal store (no name, opening hours or prep time) and every kind', () => {
      for (const kind of STORE_KINDS) {
        const store = validateStore({ id: 'x', kind, location: [0, 0], inventory: {} });
        assert.deepEqual(store, { id: 'x', kind, location: [0, 0], inventory: {} });
      }
    });

    it('keeps a sku named "__proto__" as a plain key', () => {
      const store = validateStore(storeInput({ inventory: JSON.parse('{"__proto__": 3}') }));
      assert.equal(Object.getPrototypeOf(store.inventory), Object.prototype);
      assert.equal(Object.getOwnPropertyDescriptor(store.inventory, '__proto__')?.value, 3);
    });

    it('drops extra elements of a position (e.g. altitude)', () => {
      assert.deepEqual(validateStore(storeInput({ location: [1, 2, 30] })).location, [1, 2]);
    });

    for (const [rule, overrides, code, field, got] of CASES) {
      it(`throws ${code} on ${field} unless ${rule}`, () => {
        assertInputError(() => validateStore(storeInput(overrides), 'stores[0]'), { code, field, got });
      });
    }

    it('throws when a required field is missing', () => {
      const { kind: _, ...input } = storeInput();
      assertInputError(() => validateStore(input), { code: 'INVALID_INPUT', field: 'store.kind', got: 'undefined' });
    });

    it('throws when the store is not an object', () => {
      assertInputError(() => validateStore(null), { code: 'INVALID_INPUT', field: 'store', got: 'null' });
    });

    it('keeps the geo error as the cause of a coordinate issue', () => {
      const error = assertInputError(() => validateStore(storeInput({ location: [0, 100] })), {
        code: 'INVALID_COORDINATE',
        field: 'store.location[1] (lat)',
        got: '100',
      });
      assert.equal((error.cause as Error).name, 'GeoInputError');
      assert.equal(error.rule, 'must be a finite latitude in [-90, 90]');
    });

    it('reports every broken rule at once', () => {
      assert.throws(
        () => validateStore(storeInput({ id: 1, kind: 'x', prepTimeSec: 'soon' })),
        (error: { issues: { field: string }[] }) => {
          assert.deepEqual(error.issues.map((i) => i.field), ['store.id', 'store.kind', 'store.prepTimeSec']);
          return true;
        },
      );
    });
  });

  describe('isStoreOpenAt', () => {
    const store = validateStore(storeInput());

    it('is true inside a window, closing time excluded', () => {
      assert.equal(isStoreOpenAt(store, T0), true);
      assert.equal(isStoreOpenAt(store, T0 + 8 * 3600), false);
      assert.equal(isStoreOpenAt(store, T0 + 9 * 3600), true);
    });

    it('is always true without opening hours', () => {
      assert.equal(isStoreOpenAt(validateStore(storeInput({ openingHours: undefined })), 0), true);
    });
  });
});
