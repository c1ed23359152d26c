import assert from 'node:assert/strict';
import { formatTickLabel, svgNumber } from '@o2o/bench';

describe('svgNumber', () => {
  it('rounds to two decimals, drops trailing zeros and never prints -0', () => {
    assert.deepEqual([svgNumber(12.345678), svgNumber(3), svgNumber(0.1 + 0.2), svgNumber(-0.001), svgNumber(-2.5)], ['12.35', '3', '0.3', '0', '-2.5']);
  });
});

describe('formatTickLabel', () => {
  it('prints fixed decimals with thousands separators from 10,000 up, locale-independent', () => {
    assert.deepEqual(
      [formatTickLabel(1000, 0), formatTickLabel(12345, 0), formatTickLabel(1234567.25, 2), formatTickLabel(-12345.5, 1), formatTickLabel(0.30000000000000004, 1), formatTickLabel(-0.0001, 2)],
      ['1000', '12,345', '1,234,567.25', '-12,345.5', '0.3', '0.00'],
    );
  });
});
