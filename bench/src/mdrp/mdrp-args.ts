/** Command lines of `o2o-bench mdrp`, `mdrp-all` and `rappi`. */
import { BenchArgError } from '../args/bench-arg-error.js';
import { parseFlags } from '../args/flag-values.js';
import { singlePositional } from '../args/solve-args.js';
import { SVG_DIR_FLAG, svgDirFlag } from '../args/svg-dir-flag.js';
import { parseNamePatterns } from '../instances/name-patterns.js';
import { assertPolicyName, COMPARED_POLICIES, policyNames } from './policies.js';

/** Policy of `--policy` when the flag is absent. */
export const DEFAULT_POLICY = 'greedy';

/** Which policies run: one (`--policy NAME`), or the compared ones (`--compare`), on the same orders. */
export interface PolicySelection {
  readonly policies: readonly string[];
  readonly compare: boolean;
  readonly json: boolean;
  /** Folder the click-to-door chart is written to (`--svg DIR`). */
  readonly svgDir?: string;
}

/** `o2o-bench mdrp <instance> [--policy NAME | --compare] [--json] [--log FILE] [--svg DIR]` */
export interface MdrpArgs extends PolicySelection {
  /** The instance as given: a folder or an instance name. */
  readonly instance: string;
  /** File the itinerary log (JSON) is written to (one policy only). */
  readonly logFile?: string;
}

/** `o2o-bench mdrp-all <folder> [--policy NAME | --compare] [--instances LIST] [--json] [--svg DIR]` */
export interface MdrpAllArgs extends PolicySelection {
  /** The folder as given: a folder of instance folders, or `mdrp`. */
  readonly folder: string;
  readonly instanceFilter?: string;
  readonly instancePatterns?: readonly RegExp[];
}

/** `o2o-bench rappi <city-day> [--policy NAME | --compare] [--full-shifts] [--json] [--log FILE] [--svg DIR]` */
export interface RappiArgs extends PolicySelection {
  /** The city-day as given: a folder or an id. */
  readonly dir: string;
  readonly logFile?: string;
  /** Cut shifts to the order period (default; `--full-shifts` keeps them whole). */
  readonly trimShifts: boolean;
}

const POLICY_FLAGS = { policy: { type: 'string' }, compare: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, ...SVG_DIR_FLAG } as const;

/** Parses the arguments after `mdrp`; throws `BenchArgError`. */
export function parseMdrpArgs(argv: readonly string[]): MdrpArgs {
  const { values, positionals } = parseFlags('mdrp', argv, { ...POLICY_FLAGS, log: { type: 'string' } });
  const selection = policySelection('mdrp', values);
  return {
    instance: singlePositional('mdrp', 'an MDRP instance folder (or a name such as 0o100t100s1p100)', positionals),
    ...selection,
    ...logFlag(values.log, selection.compare),
  };
}

/** Parses the arguments after `mdrp-all`; throws `BenchArgError`. */
export function parseMdrpAllArgs(argv: readonly string[]): MdrpAllArgs {
  const { values, positionals } = parseFlags('mdrp-all', argv, { ...POLICY_FLAGS, instances: { type: 'string' } });
  return {
    folder: singlePositional('mdrp-all', 'a folder of MDRP instance folders (or "mdrp")', positionals),
    ...policySelection('mdrp-all', values),
    ...(values.instances === undefined ? {} : { instanceFilter: values.instances, instancePatterns: parseNamePatterns(values.instances) }),
  };
}

/** Parses the arguments after `rappi`; throws `BenchArgError`. */
export function parseRappiArgs(argv: readonly string[]): RappiArgs {
  const { values, positionals } = parseFlags('rappi', argv, { ...POLICY_FLAGS, log: { type: 'string' }, 'full-shifts': { type: 'boolean', default: false } });
  const selection = policySelection('rappi', values);
  return {
    dir: singlePositional('rappi', 'a Rappi city-day folder (or an id such as 4)', positionals),
    ...selection,
    trimShifts: values['full-shifts'] !== true,
    ...logFlag(values.log, selection.compare),
  };
}

function policySelection(command: string, values: { policy?: string; compare?: boolean; json?: boolean; svg?: string }): PolicySelection {
  const compare = values.compare === true;
  if (compare && values.policy !== undefined) throw new BenchArgError(`${command} takes --policy or --compare, not both`);
  for (const name of compare ? COMPARED_POLICIES : []) {
    if (!policyNames().includes(name)) {
      throw new BenchArgError(`--compare runs ${COMPARED_POLICIES.join(' and ')}, but ${JSON.stringify(name)} is not registered (available policies: ${policyNames().join(', ')})`);
    }
  }
  return { policies: compare ? [...COMPARED_POLICIES] : [policyFlag(values.policy)], compare, json: values.json === true, ...svgDirFlag(values.svg) };
}

function policyFlag(raw: string | undefined): string {
  const name = raw ?? DEFAULT_POLICY;
  assertPolicyName(name);
  return name;
}

function logFlag(raw: string | undefined, compare: boolean): { logFile?: string } {
  if (raw === undefined) return {};
  if (raw.trim() === '') throw new BenchArgError('--log must name a file, got ""');
  if (compare) throw new BenchArgError('--log writes the itinerary of one policy: give --policy NAME, not --compare');
  return { logFile: raw };
}
