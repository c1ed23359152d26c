import { BenchArgError } from '../args/bench-arg-error.js';
import { matchesAnyPattern } from './name-patterns.js';
import { instanceNameOf } from './read-instance.js';

export interface InstanceSelection {
  readonly files: readonly string[];
  /** The `--curve` instance, spelt as its file is. */
  readonly curveInstance?: string;
}

/**
 * The files a folder run solves (`--instances`, default all) and the `--curve` instance, which
 * must be one of them.
 */
export function selectInstances(files: readonly string[], patterns: readonly RegExp[] | undefined, curve: string | undefined, folder: string): InstanceSelection {
  if (files.length === 0) throw new BenchArgError(`no instance files (*.txt) in ${JSON.stringify(folder)}`);
  const selected = patterns === undefined ? files : files.filter((file) => matchesAnyPattern(instanceNameOf(file), patterns));
  if (selected.length === 0) throw new BenchArgError(`--instances matches none of the ${files.length} instances in ${JSON.stringify(folder)}`);
  if (curve === undefined) return { files: selected };
  const curveFile = selected.find((file) => instanceNameOf(file).toLowerCase() === curve.toLowerCase());
  if (curveFile === undefined) throw new BenchArgError(`--curve must name one of the instances run, got ${JSON.stringify(curve)}`);
  return { files: selected, curveInstance: instanceNameOf(curveFile) };
}
