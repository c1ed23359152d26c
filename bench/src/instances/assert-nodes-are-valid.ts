import { InstanceParseError } from './instance-parse-error.js';
import type { VrpNode } from './vrp-instance.js';

/**
 * Checks the rules both formats share: at least one customer, ids 0, 1, 2, … in file order
 * (so an id is also the node's index), ready ≤ due, service ≥ 0, a depot with demand 0.
 */
export function assertNodesAreValid(name: string, nodes: readonly VrpNode[]): void {
  if (nodes.length < 2) throw new InstanceParseError(`${name}: expected a depot and at least one customer, got ${nodes.length} node rows`);
  nodes.forEach((node, idx) => {
    const at = `${name}: node ${node.id}`;
    if (node.id !== idx) throw new InstanceParseError(`${name}: node ids must be 0, 1, 2, … in file order, got id ${node.id} in row ${idx}`);
    if (node.readyTime > node.dueTime) throw new InstanceParseError(`${at} ready time must not exceed its due time (${node.dueTime}), got ${node.readyTime}`);
    if (node.serviceTime < 0) throw new InstanceParseError(`${at} service time must be ≥ 0, got ${node.serviceTime}`);
  });
  const depot = nodes[0];
  if (depot !== undefined && depot.demand !== 0) throw new InstanceParseError(`${name}: depot demand must be 0, got ${depot.demand}`);
}
