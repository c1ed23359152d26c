/** `--svg DIR`, the chart folder of the bench commands that draw charts (created when missing). */
import { BenchArgError } from './bench-arg-error.js';

export const SVG_DIR_FLAG = { svg: { type: 'string' } } as const;

/** `{ svgDir }` when `--svg` is given; a {@link BenchArgError} when it names no folder. */
export function svgDirFlag(raw: string | undefined): { svgDir?: string } {
  if (raw === undefined) return {};
  if (raw.trim() === '') throw new BenchArgError('--svg must name a folder, got ""');
  return { svgDir: raw };
}
