/** Writes one chart into a folder (created when missing) and returns its path. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChartInputError } from './chart-input-error.js';

/**
 * A file name from free text (an instance or folder name): letters, digits, `.`, `_` and `-`
 * kept, every other run of characters turned into one `-`.
 */
export function chartFileName(...parts: readonly string[]): string {
  const stem = parts
    .map((p) => p.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, ''))
    .filter((p) => p !== '')
    .join('-');
  if (stem === '') throw new ChartInputError('CHART_BAD_OPTION', `a chart file name needs at least one letter or digit, got ${JSON.stringify(parts)}`);
  return `${stem}.svg`;
}

/** Writes `svg` to `dir`/`fileName` (a bare name ending in .svg); returns the path. */
export function writeSvgFile(dir: string, fileName: string, svg: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.svg$/.test(fileName)) throw new ChartInputError('CHART_BAD_OPTION', `a chart file name must be a bare name ending in .svg, got ${JSON.stringify(fileName)}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  writeFileSync(path, svg);
  return path;
}
