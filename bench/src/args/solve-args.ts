/**
 * Options of `o2o-bench solve` and the options `vrp` shares with it: how to read instances and
 * how to run the solver on each.
 */
import { INSTANCE_FORMAT_OPTIONS, type InstanceFormatOption } from '../instances/vrp-instance.js';
import { BenchArgError } from './bench-arg-error.js';
import { enumFlag, integerFlag, parseFlags, type FlagValues } from './flag-values.js';
import { SVG_DIR_FLAG, svgDirFlag } from './svg-dir-flag.js';

/** `distance`: total distance only. `hierarchical`: fewest vehicles first, then distance. */
export type BenchObjective = 'distance' | 'hierarchical';

export const BENCH_OBJECTIVES: readonly BenchObjective[] = ['distance', 'hierarchical'];

export const DEFAULT_TIME_LIMIT_MS = 1_000;

/** What every solve of a run uses. */
export interface RunSettings {
  readonly format: InstanceFormatOption;
  readonly objective: BenchObjective;
  readonly timeLimitMs: number;
  /** Iteration limit (with a seed, makes runs reproducible); absent: time limit only. */
  readonly maxIterations?: number;
  readonly seed: number;
  /** 1: `solve` in-process; more: `solveParallel` with that many workers. */
  readonly threads: number;
  /** Print one JSON object instead of text. */
  readonly json: boolean;
  /** Overrides of the solver's search parameters (`--params '{"initialTemperature":2}'`), for tuning. */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface SolveArgs extends RunSettings {
  /** The instance argument as given (a path, or a benchmark name such as C101). */
  readonly instance: string;
  /** Folder the time-to-quality chart is written to (`--svg DIR`). */
  readonly svgDir?: string;
}

export const RUN_SETTING_FLAGS = {
  format: { type: 'string' },
  'time-limit-ms': { type: 'string' },
  'max-iterations': { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  objective: { type: 'string' },
  json: { type: 'boolean', default: false },
  params: { type: 'string' },
} as const;

export function runSettingsFrom(values: FlagValues<typeof RUN_SETTING_FLAGS>): RunSettings {
  const maxIterations = integerFlag('max-iterations', values['max-iterations'], 1);
  return {
    format: enumFlag('format', values.format, INSTANCE_FORMAT_OPTIONS, 'auto'),
    objective: enumFlag('objective', values.objective, BENCH_OBJECTIVES, 'distance'),
    timeLimitMs: integerFlag('time-limit-ms', values['time-limit-ms'], 1, DEFAULT_TIME_LIMIT_MS),
    ...(maxIterations === undefined ? {} : { maxIterations }),
    seed: integerFlag('seed', values.seed, 0, 1),
    threads: integerFlag('threads', values.threads, 1, 1),
    json: values.json === true,
    ...(values.params === undefined ? {} : { params: paramsFlag(values.params) }),
  };
}

/** `--params`: a JSON object of search-parameter overrides. */
function paramsFlag(raw: string): Readonly<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BenchArgError(`--params must be a JSON object, got ${JSON.stringify(raw)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BenchArgError(`--params must be a JSON object, got ${JSON.stringify(raw)}`);
  return parsed as Record<string, unknown>;
}

/** Exactly one positional argument, named `what` in the error. */
export function singlePositional(command: string, what: string, positionals: readonly string[]): string {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new BenchArgError(`${command} needs ${what}`);
  if (rest.length > 0) throw new BenchArgError(`${command} takes only ${what}, got extra arguments ${JSON.stringify(rest.join(' '))}`);
  return first;
}

export function parseSolveArgs(argv: readonly string[]): SolveArgs {
  const { values, positionals } = parseFlags('solve', argv, { ...RUN_SETTING_FLAGS, ...SVG_DIR_FLAG });
  return { instance: singlePositional('solve', 'an instance file (or a name such as C101)', positionals), ...runSettingsFrom(values), ...svgDirFlag(values.svg) };
}
