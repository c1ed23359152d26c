import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartFileName, ChartInputError, writeSvgFile } from '@o2o/bench';

describe('chartFileName and writeSvgFile', () => {
  it('joins the parts into a safe bare name', () => {
    assert.equal(chartFileName('vrp', 'solomon', 'time-to-quality'), 'vrp-solomon-time-to-quality.svg');
    assert.equal(chartFileName('mdrp', '../x y/z', 'click-to-door'), 'mdrp-x-y-z-click-to-door.svg');
    assert.throws(() => chartFileName('/', '..'), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_BAD_OPTION');
  });

  it('creates the folder, writes the file and returns its path; refuses a path as a name', () => {
    const root = mkdtempSync(join(tmpdir(), 'o2o-svg-'));
    try {
      const path = writeSvgFile(join(root, 'a', 'b'), 'x.svg', '<svg/>');
      assert.equal(path, join(root, 'a', 'b', 'x.svg'));
      assert.equal(readFileSync(path, 'utf8'), '<svg/>');
      assert.throws(() => writeSvgFile(root, '../x.svg', '<svg/>'), /a chart file name must be a bare name ending in \.svg, got "\.\.\/x\.svg"/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
