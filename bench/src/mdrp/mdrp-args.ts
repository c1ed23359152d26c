/** Command lines of `o2o-bench mdrp`, `mdrp-all` and `rappi`. */
import { BenchArgError } from '../args/bench-arg-error.js';
import { parseFlags } from '../args/flag-values.js';
import { singlePositional } from '../args/solve-args.js';
import { parseNamePatterns } from '../instances/name-patterns.js';
import { assertPolicyName, COMPARED_POLICIES, policyNames } from './policies.js';

/** Policy of `--policy` when the flag is absent. */
export const DEFAULT_POLICY = 'greedy';

/** `o2o-bench mdrp <instance> [--policy NAME] [--json] [--log FILE]` */
export interface MdrpArgs {
  /** The instance as given: a folder or an instance name. */
  readonly instance: string;
  readonly policy: string;
  readonly json: boolean;
  /** File the itinerary log (JSON) is written to. */
  readonly logFile?: string;
}

/** `o2o-bench mdrp-all <folder> [--policy NAME | --compare] [--instances LIST] [--json]` */
export interface MdrpAllArgs {
  /** The folder as given: a folder of instance folders, or `mdrp`. */
  readonly folder: string;
  /** One policy, or the compared ones with `--compare`. */
  readonly policies: readonly string[];
  readonly compare: boolean;
  readonly json: boolean;
  readonly instanceFilter?: string;
  readonly instancePatterns?: readonly RegExp[];
}

/** `o2o-bench rappi <city-day> [--policy NAME] [--full-shifts] [--json] [--log FILE]` */
export interface RappiArgs {
  /** The city-day as given: a folder or an id. */
  readonly dir: string;
  readonly policy: string;
  readonly json: boolean;
  readonly logFile?: string;
  /** Cut shifts to the order period (default; `--full-shifts` keeps them whole). */
  readonly trimShifts: boolean;
}

const POLICY_FLAGS = { policy: { type: 'string' }, json: { type: 'boolean', default: false } } as const;

/** Parses the arguments after `mdrp`; throws `BenchArgError`. */
export function parseMdrpArgs(argv: readonly string[]): MdrpArgs {
  const { values, positionals } = parseFlags('mdrp', argv, { ...POLICY_FLAGS, log: { type: 'string' } });
  return {
    instance: singlePositional('mdrp', 'an MDRP instance folder (or a name such as 0o100t100s1p100)', positionals),
    policy: policyFlag(values.policy),
    json: values.json === true,
    ...logFlag(values.log),
  };
}

/** Parses the arguments after `mdrp-all`; throws `BenchArgError`. */
export function parseMdrpAllArgs(argv: readonly string[]): MdrpAllArgs {
  const { values, positionals } = parseFlags('mdrp-all', argv, { ...POLICY_FLAGS, compare: { type: 'boolean', default: false }, instances: { type: 'string' } });
  const compare = values.compare === true;
  if (compare && values.policy !== undefined) throw new BenchArgError('mdrp-all takes --policy or --compare, not both');
  for (const name of compare ? COMPARED_POLICIES : []) {
    if (!policyNames().includes(name)) {
      throw new BenchArgError(`--compare runs ${COMPARED_POLICIES.join(' and ')}, but ${JSON.stringify(name)} is not registered (available policies: ${policyNames().join(', ')})`);
    }
  }
  return {
    folder: singlePositional('mdrp-all', 'a folder of MDRP instance folders (or "mdrp")', positionals),
    policies: compare ? [...COMPARED_POLICIES] : [policyFlag(values.policy)],
    compare,
    json: values.json === true,
    ...(values.instances === undefined ? {} : { instanceFilter: values.instances, instancePatterns: parseNamePatterns(values.instances) }),
  };
}

/** Parses the arguments after `rappi`; throws `BenchArgError`. */
export function parseRappiArgs(argv: readonly string[]): RappiArgs {
  const { values, positionals } = parseFlags('rappi', argv, { ...POLICY_FLAGS, log: { type: 'string' }, 'full-shifts': { type: 'boolean', default: false } });
  return {
    dir: singlePositional('rappi', 'a Rappi city-day folder (or an id such as 4)', positionals),
    policy: policyFlag(values.policy),
    json: values.json === true,
    trimShifts: values['full-shifts'] !== true,
    ...logFlag(values.log),
  };
}

function policyFlag(raw: string | undefined): string {
  const name = raw ?? DEFAULT_POLICY;
  assertPolicyName(name);
  return name;
}

function logFlag(raw: string | undefined): { logFile?: string } {
  if (raw === undefined) return {};
  if (raw.trim() === '') throw new BenchArgError('--log must name a file, got ""');
  return { logFile: raw };
}
