/**
 * The dispatch policies the MDRP and Rappi commands can run, by name (`--policy NAME`). Built in:
 * `greedy` ({@link GreedyPolicy}: first come first served, earliest pickup, no bundling) and
 * `ours` ({@link EpochDispatchPolicy}: epochs, bundling, global assignment, commitment). Others
 * join with {@link registerPolicy}. Each run gets a fresh policy from its factory, so policies may
 * keep per-run state.
 */
import { EpochDispatchPolicy, GreedyPolicy, type SimPolicy } from '@o2o/dispatch-core';
import { BenchArgError } from '../args/bench-arg-error.js';

/** Makes a fresh policy for one simulation run. */
export type SimPolicyFactory = () => SimPolicy;

/** The two policies `mdrp-all --compare` runs side by side. */
export const COMPARED_POLICIES = ['greedy', 'ours'] as const;

const FACTORIES = new Map<string, SimPolicyFactory>([
  ['greedy', () => new GreedyPolicy()],
  ['ours', () => new EpochDispatchPolicy()],
]);

/** Adds (or replaces) the policy `name`; names are lower-case words: letters, digits, `-`, `_`. */
export function registerPolicy(name: string, factory: SimPolicyFactory): void {
  if (!/^[a-z][a-z0-9_-]*$/.test(name)) throw new RangeError(`policy name must be a lower-case word (letters, digits, "-", "_"), got ${JSON.stringify(name)}`);
  FACTORIES.set(name, factory);
}

/** Names of the registered policies, sorted. */
export function policyNames(): string[] {
  return [...FACTORIES.keys()].sort();
}

/** Throws a {@link BenchArgError} naming the available policies when `name` is not registered. */
export function assertPolicyName(name: string): void {
  if (!FACTORIES.has(name)) throw new BenchArgError(`--policy must be one of ${policyNames().join(', ')}, got ${JSON.stringify(name)}`);
}

/** A fresh policy `name`; a {@link BenchArgError} naming the available ones when it is not registered. */
export function createPolicy(name: string): SimPolicy {
  assertPolicyName(name);
  return FACTORIES.get(name)!();
}
