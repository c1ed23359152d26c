/**
 * Route edits shared by the shipment operators (relocate-pair, exchange-pairs): a route without
 * one shipment in a scratch RouteState, and taking a shipment out of / into a live route.
 */
import { applyInsertion, type InsertionMove } from '../insertion.js';
import type { RouteState } from '../route-state.js';
import type { SearchState } from './search-state.js';

/** Fills `out` (a RouteState of the same vehicle) with `route` minus the stops at positions a < b, refreshed. */
export function loadRouteWithout(route: RouteState, a: number, b: number, out: RouteState): void {
  if (withoutBuffer.length < route.len) withoutBuffer = new Int32Array(2 * route.len);
  let k = 0;
  for (let p = 0; p < route.len; p++) if (p !== a && p !== b) withoutBuffer[k++] = route.stops[p]!;
  out.restoreStops(withoutBuffer, k); // grows out's arrays when needed, then refreshes it
}

let withoutBuffer = new Int32Array(64);

/** Takes both stops of shipment r out of route ri's stop array (the caller commits). */
export function removeRequestStops(st: SearchState, ri: number, r: number): void {
  const d = st.data;
  const pickup = d.requestFirstStop[r]!;
  const route = st.routes[ri]!;
  route.removeAt(st.posOfStop[d.sibling[pickup]!]!);
  route.removeAt(st.posOfStop[pickup]!);
}

/** Inserts shipment r into route ri at pos1 / pos2 as found by bestInsertionInRoute (the caller commits). */
export function insertRequestAt(st: SearchState, ri: number, r: number, pos1: number, pos2: number, scratch: InsertionMove): void {
  scratch.reset();
  scratch.route = ri;
  scratch.pos1 = pos1;
  scratch.pos2 = pos2;
  applyInsertion(st.data, st.routes[ri]!, r, scratch);
}
