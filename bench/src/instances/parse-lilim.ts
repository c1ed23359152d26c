/**
 * Li & Lim PDPTW text format: a first row `K Q S` (fleet size, capacity, speed), then one row
 * per task `id x y demand ready due service pickupSibling deliverySibling` (row 0 is the depot).
 * S is ignored: travel time equals distance (some files carry S = 0, every published result
 * uses speed 1).
 */
import { assertNodesAreValid } from './assert-nodes-are-valid.js';
import { InstanceParseError, integerRow, numberedLines } from './instance-parse-error.js';
import type { VrpInstance, VrpNode } from './vrp-instance.js';

const HEADER_ROW_LENGTH = 3;
const TASK_ROW_LENGTH = 9;

export function parseLiLim(text: string, name: string): VrpInstance {
  const rows = numberedLines(text).filter((line) => line.tokens.length > 0);
  const [head, ...taskLines] = rows;
  if (head === undefined) throw new InstanceParseError(`${name}: the file is empty`);
  const header = integerRow(head.tokens, `${name} line ${head.lineNo}`);
  const [fleetSize, capacity] = header;
  if (header.length !== HEADER_ROW_LENGTH || fleetSize === undefined || capacity === undefined) {
    throw new InstanceParseError(`${name} line ${head.lineNo}: expected ${HEADER_ROW_LENGTH} integers (vehicles capacity speed), got ${JSON.stringify(head.tokens.join(' '))}`);
  }
  if (fleetSize < 1 || capacity < 1) throw new InstanceParseError(`${name}: vehicle number and capacity must be ≥ 1, got ${fleetSize} and ${capacity}`);
  const nodes = taskLines.map(({ lineNo, tokens }) => {
    const row = integerRow(tokens, `${name} line ${lineNo}`);
    if (row.length !== TASK_ROW_LENGTH) {
      throw new InstanceParseError(`${name} line ${lineNo}: expected ${TASK_ROW_LENGTH} integers (id x y demand ready due service pickup delivery), got ${row.length}`);
    }
    return liLimNode(row);
  });
  assertNodesAreValid(name, nodes);
  assertPairsAreValid(name, nodes);
  return { name, format: 'lilim', fleetSize, capacity, nodes };
}

function liLimNode(row: readonly number[]): VrpNode {
  const [id = 0, x = 0, y = 0, demand = 0, readyTime = 0, dueTime = 0, serviceTime = 0, pickupId = 0, deliveryId = 0] = row;
  return { id, x, y, demand, readyTime, dueTime, serviceTime, pickupId, deliveryId };
}

/** Every task is a pickup (demand > 0, delivery sibling set) or a delivery (demand < 0, pickup sibling set), and pairs agree. */
function assertPairsAreValid(name: string, nodes: readonly VrpNode[]): void {
  for (const node of nodes.slice(1)) {
    const at = `${name}: task ${node.id}`;
    if (node.demand > 0) {
      const delivery = nodes[node.deliveryId];
      if (node.pickupId !== 0 || node.deliveryId === 0 || delivery === undefined) {
        throw new InstanceParseError(`${at} is a pickup (demand ${node.demand}), so it needs pickup sibling 0 and a delivery sibling in 1..${nodes.length - 1}, got ${node.pickupId} and ${node.deliveryId}`);
      }
      if (delivery.pickupId !== node.id || delivery.demand !== -node.demand) {
        throw new InstanceParseError(`${at}'s delivery ${delivery.id} must name it as pickup sibling and have demand ${-node.demand}, got ${delivery.pickupId} and ${delivery.demand}`);
      }
    } else if (node.demand < 0) {
      if (node.deliveryId !== 0 || nodes[node.pickupId]?.deliveryId !== node.id) {
        throw new InstanceParseError(`${at} is a delivery (demand ${node.demand}), so it needs delivery sibling 0 and a pickup naming it, got pickup sibling ${node.pickupId} and delivery sibling ${node.deliveryId}`);
      }
    } else {
      throw new InstanceParseError(`${at} demand must be non-zero (a pickup > 0 or a delivery < 0), got 0`);
    }
  }
}
