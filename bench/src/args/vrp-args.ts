/** Options of `o2o-bench vrp`: a folder run. */
import { parseNamePatterns } from '../instances/name-patterns.js';
import { BenchArgError } from './bench-arg-error.js';
import { parseFlags } from './flag-values.js';
import { RUN_SETTING_FLAGS, runSettingsFrom, singlePositional, type RunSettings } from './solve-args.js';
import { SVG_DIR_FLAG, svgDirFlag } from './svg-dir-flag.js';

export interface VrpArgs extends RunSettings {
  /** The folder argument as given (a path, or `solomon` / `lilim`). */
  readonly folder: string;
  /** Instances to run (`--instances`, as given); absent: all. */
  readonly instanceFilter?: string;
  /** `instanceFilter` compiled. */
  readonly instancePatterns?: readonly RegExp[];
  /** Instance whose time-to-quality curve is reported (`--curve`). */
  readonly curveInstance?: string;
  /** File the run's JSON is written to (`--out`). */
  readonly outFile?: string;
  /** Folder the time-to-quality charts are written to (`--svg DIR`). */
  readonly svgDir?: string;
}

const VRP_FLAGS = {
  ...RUN_SETTING_FLAGS,
  instances: { type: 'string' },
  curve: { type: 'string' },
  out: { type: 'string' },
  ...SVG_DIR_FLAG,
} as const;

export function parseVrpArgs(argv: readonly string[]): VrpArgs {
  const { values, positionals } = parseFlags('vrp', argv, VRP_FLAGS);
  if (values.curve !== undefined && values.curve.trim() === '') throw new BenchArgError(`--curve must name an instance, got ""`);
  if (values.out !== undefined && values.out.trim() === '') throw new BenchArgError(`--out must name a file, got ""`);
  return {
    folder: singlePositional('vrp', 'a benchmark folder (or "solomon" / "lilim")', positionals),
    ...runSettingsFrom(values),
    ...(values.instances === undefined ? {} : { instanceFilter: values.instances, instancePatterns: parseNamePatterns(values.instances) }),
    ...(values.curve === undefined ? {} : { curveInstance: values.curve.trim() }),
    ...(values.out === undefined ? {} : { outFile: values.out }),
    ...svgDirFlag(values.svg),
  };
}
