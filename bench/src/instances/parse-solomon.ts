/**
 * Solomon VRPTW text format: a name line, a `VEHICLE` section with one `K Q` row, then a
 * `CUSTOMER` section with rows `id x y demand ready due service` (row 0 is the depot). Header
 * lines are skipped; every numeric line must be one of those two row shapes, all integers.
 */
import { assertNodesAreValid } from './assert-nodes-are-valid.js';
import { InstanceParseError, integerRow, isNumericRow, numberedLines } from './instance-parse-error.js';
import type { VrpInstance, VrpNode } from './vrp-instance.js';

const VEHICLE_ROW_LENGTH = 2;
const CUSTOMER_ROW_LENGTH = 7;

export function parseSolomon(text: string, name: string): VrpInstance {
  let fleet: number[] | undefined;
  const nodes: VrpNode[] = [];
  let section: 'head' | 'vehicle' | 'customer' = 'head';
  for (const { lineNo, tokens } of numberedLines(text)) {
    const where = `${name} line ${lineNo}`;
    const word = tokens[0]?.toUpperCase();
    if (word === 'VEHICLE') section = 'vehicle';
    else if (word === 'CUSTOMER') section = 'customer';
    if (!isNumericRow(tokens)) continue;
    const row = integerRow(tokens, where);
    if (section === 'vehicle' && fleet === undefined && row.length === VEHICLE_ROW_LENGTH) fleet = row;
    else if (section === 'customer' && row.length === CUSTOMER_ROW_LENGTH) nodes.push(solomonNode(row));
    else {
      const expected = section === 'customer' ? `${CUSTOMER_ROW_LENGTH} integers (id x y demand ready due service)` : `a "VEHICLE" section with one row "number capacity"`;
      throw new InstanceParseError(`${where}: expected ${expected}, got ${JSON.stringify(tokens.join(' '))}`);
    }
  }
  const [fleetSize, capacity] = fleet ?? [];
  if (fleetSize === undefined || capacity === undefined) throw new InstanceParseError(`${name}: no VEHICLE row "number capacity" found`);
  if (fleetSize < 1 || capacity < 1) throw new InstanceParseError(`${name}: vehicle number and capacity must be ≥ 1, got ${fleetSize} and ${capacity}`);
  assertNodesAreValid(name, nodes);
  for (const node of nodes) {
    if (node.demand < 0) throw new InstanceParseError(`${name}: customer ${node.id} demand must be ≥ 0, got ${node.demand}`);
  }
  return { name, format: 'solomon', fleetSize, capacity, nodes };
}

function solomonNode(row: readonly number[]): VrpNode {
  const [id = 0, x = 0, y = 0, demand = 0, readyTime = 0, dueTime = 0, serviceTime = 0] = row;
  return { id, x, y, demand, readyTime, dueTime, serviceTime, pickupId: 0, deliveryId: 0 };
}
