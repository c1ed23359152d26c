/**
 * `DispatchConfig`: every tunable of dispatch and pricing in one typed, validated, frozen object.
 * The defaults, types, meanings and rules live once, in {@link DISPATCH_CONFIG_SCHEMA}; the
 * validator, {@link DEFAULT_DISPATCH_CONFIG} and the README table are all derived from it.
 */
import type { IssueCollector } from '../model/issue-collector.js';
import { ASSIGNMENT_CONFIG_SCHEMA, type AssignmentConfig } from './assignment-config.js';
import { ConfigParam, deepFreeze, type ConfigSchema, type DeepPartial } from './config-param.js';
import { ETA_CONFIG_SCHEMA, type EtaConfig } from './eta-config.js';
import { PRICING_CONFIG_SCHEMA, checkPricingRules, type PricingConfig } from './pricing-config.js';
import { REBALANCING_CONFIG_SCHEMA, type RebalancingConfig } from './rebalancing-config.js';

/** Every parameter of dispatch and pricing (build it with {@link resolveDispatchConfig}). */
export interface DispatchConfig {
  /** Epoch assignment of orders to riders. */
  readonly assignment: AssignmentConfig;
  /** Lateness alerts and prediction refresh. */
  readonly eta: EtaConfig;
  /** Delivery fee quotes. */
  readonly pricing: PricingConfig;
  /** Repositioning of idle riders. */
  readonly rebalancing: RebalancingConfig;
}

/** Input of {@link resolveDispatchConfig}: any subset of {@link DispatchConfig}; lists replace the default whole. */
export type DispatchConfigInput = DeepPartial<DispatchConfig>;

/** A rule between several fields, checked once every field is valid on its own. */
export type DispatchConfigRule = (config: DispatchConfig, prefix: string, issues: IssueCollector) => void;

/** The metadata tree of {@link DispatchConfig}: one {@link ConfigParam} per leaf. */
export const DISPATCH_CONFIG_SCHEMA: ConfigSchema<DispatchConfig> = {
  assignment: ASSIGNMENT_CONFIG_SCHEMA,
  eta: ETA_CONFIG_SCHEMA,
  pricing: PRICING_CONFIG_SCHEMA,
  rebalancing: REBALANCING_CONFIG_SCHEMA,
};

/** Rules between fields of {@link DispatchConfig}. */
export const DISPATCH_CONFIG_RULES: readonly DispatchConfigRule[] = [
  (config, prefix, issues) => checkPricingRules(config.pricing, joinPath(prefix, 'pricing'), issues),
];

/** Every default, deep-frozen (the same values {@link resolveDispatchConfig}`({})` returns). */
export const DEFAULT_DISPATCH_CONFIG: DispatchConfig = deepFreeze(defaultsOf(DISPATCH_CONFIG_SCHEMA) as DispatchConfig);

/** A schema section as the walker sees it. */
export type SchemaNode = ConfigParam | { readonly [key: string]: SchemaNode };

function defaultsOf(node: SchemaNode): unknown {
  if (node instanceof ConfigParam) return node.defaultValue;
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, defaultsOf(child)]));
}

/** `prefix.key`, or `key` when the prefix is empty. */
export function joinPath(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}
