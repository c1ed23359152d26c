/**
 * Metadata of one configuration parameter: its type, default, meaning and validation rule. The
 * validator ({@link resolveDispatchConfig}) and the README table ({@link renderDispatchConfigTable})
 * both read this metadata, so the documented defaults and rules cannot drift from the checked ones.
 */
import type { IssueCollector } from '../model/issue-collector.js';

/** A leaf value of the configuration: a scalar or a list (lists are replaced whole, not merged). */
export type ConfigLeaf = number | boolean | string | readonly unknown[];

/** Checks `value` at `field`, recording every broken rule in `issues`; returns true when valid. */
export type ConfigCheck = (field: string, value: unknown, issues: IssueCollector) => boolean;

/** One configuration parameter (see the module doc). */
export class ConfigParam<T extends ConfigLeaf = ConfigLeaf> {
  /** Type and range as the README shows them, e.g. `integer in [1, 3600]`, `boolean`, `{ fromM, centsPerKm }[]`. */
  readonly type: string;
  /** The default, deep-frozen. */
  readonly defaultValue: T;
  /** One sentence: what the parameter does, with its unit and range. */
  readonly meaning: string;
  /** The validation rule. */
  readonly check: ConfigCheck;

  constructor(type: string, defaultValue: T, meaning: string, check: ConfigCheck) {
    this.type = type;
    this.defaultValue = deepFreeze(defaultValue);
    this.meaning = meaning;
    this.check = check;
  }
}

/**
 * The metadata tree of a configuration object `T`: one {@link ConfigParam} per leaf, one nested
 * schema per section. The mapped type makes the compiler reject a schema that misses a field of
 * `T`, has an extra one or declares a default of the wrong type.
 */
export type ConfigSchema<T> = {
  readonly [K in keyof T]-?: T[K] extends ConfigLeaf ? ConfigParam<T[K]> : ConfigSchema<T[K]>;
};

/** A deep-partial configuration input: every section and leaf optional; lists replace the default whole. */
export type DeepPartial<T> = T extends ConfigLeaf ? T : { readonly [K in keyof T]?: DeepPartial<T[K]> };

/** An integer parameter in `[min, max]`. */
export function integerParam(defaultValue: number, min: number, max: number, meaning: string): ConfigParam<number> {
  const type = `integer in [${min}, ${max}]`;
  const rule = `must be an ${type}`;
  return new ConfigParam(type, defaultValue, meaning, (field, value, issues) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
    issues.invalid(field, rule, value);
    return false;
  });
}

/** A finite number parameter in `[min, max]`. */
export function numberParam(defaultValue: number, min: number, max: number, meaning: string): ConfigParam<number> {
  const type = `number in [${min}, ${max}]`;
  const rule = `must be a ${type}`;
  return new ConfigParam(type, defaultValue, meaning, (field, value, issues) => {
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return true;
    issues.invalid(field, rule, value);
    return false;
  });
}

/** A boolean parameter. */
export function booleanParam(defaultValue: boolean, meaning: string): ConfigParam<boolean> {
  return new ConfigParam('boolean', defaultValue, meaning, (field, value, issues) => {
    if (typeof value === 'boolean') return true;
    issues.invalid(field, 'must be a boolean', value);
    return false;
  });
}

/** Freezes `value` and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
