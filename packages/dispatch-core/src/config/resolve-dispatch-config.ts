/** Builds a validated, frozen {@link DispatchConfig} from a deep-partial input. */
import type { DispatchInputError } from '../errors.js';
import { IssueCollector } from '../model/issue-collector.js';
import { ConfigParam, deepFreeze } from './config-param.js';
import {
  DISPATCH_CONFIG_RULES,
  DISPATCH_CONFIG_SCHEMA,
  joinPath,
  type DispatchConfig,
  type DispatchConfigInput,
  type SchemaNode,
} from './dispatch-config.js';

/**
 * The defaults of {@link DISPATCH_CONFIG_SCHEMA} overridden by `input` (any subset of sections and
 * fields; a list replaces the default list whole; `undefined` means "default"). Returns a
 * deep-frozen copy. `prefix` is prepended to every field path in errors (e.g. `config`).
 *
 * @throws {@link DispatchInputError} `INVALID_INPUT` listing every broken rule by full path, e.g.
 *   `pricing.surge.maxMultiplier must be a number in [1, 5], got 7`, or
 *   `assignment.epochSecs is not a known parameter (known: epochSec, …), got 20`.
 *   Rules between fields (e.g. `capRatio > thresholdRatio`) are checked once every field is valid.
 */
export function resolveDispatchConfig(input: DispatchConfigInput = {}, prefix = ''): DispatchConfig {
  const issues = new IssueCollector();
  const config = resolveNode(DISPATCH_CONFIG_SCHEMA as unknown as SchemaNode, input, prefix, issues) as DispatchConfig;
  issues.throwIfAny();
  for (const rule of DISPATCH_CONFIG_RULES) rule(config, prefix, issues);
  issues.throwIfAny();
  return deepFreeze(config);
}

function resolveNode(node: SchemaNode, value: unknown, field: string, issues: IssueCollector): unknown {
  if (node instanceof ConfigParam) {
    if (value === undefined) return node.defaultValue;
    return node.check(field, value, issues) ? structuredClone(value) : undefined;
  }
  const section = value === undefined ? {} : value;
  if (!issues.checkObject(field === '' ? 'config' : field, section)) return undefined;
  const known = Object.keys(node);
  for (const key of Object.keys(section)) {
    if (!Object.hasOwn(node, key)) {
      issues.invalid(joinPath(field, key), `is not a known parameter (known: ${known.join(', ')})`, section[key]);
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of known) out[key] = resolveNode(node[key]!, section[key], joinPath(field, key), issues);
  return out;
}
