/**
 * How calls, answers and errors of an {@link OrderStore} cross a worker-thread boundary
 * (structured clone): errors are sent as data and rebuilt as the same classes, so a caller on the
 * other side catches exactly what it would catch in-process.
 */
import { DispatchInputError, IllegalTransitionError, ORDER_TRANSITIONS, type DispatchInputIssue, type OrderStatus } from '@o2o/dispatch-core';
import { OrderStoreError, type OrderStoreErrorCode } from './order-store-error.js';

/** The store methods a {@link WorkerOrderStore} forwards. */
export const WIRE_METHODS = [
  'createOrder',
  'findReplay',
  'getOrder',
  'listOrders',
  'transition',
  'recordAssignment',
  'assignmentsOf',
  'saveReservations',
  'getReservation',
  'reservationsOf',
  'saveCatalog',
  'getCatalog',
  'setRiderRoute',
  'getRiderRoute',
  'pruneIdempotencyKeys',
  'restore',
  'flush',
  'close',
] as const;

export type WireMethod = (typeof WIRE_METHODS)[number];

/** Methods that write (they count in `pendingWrites` until they settle). */
export const WIRE_WRITES: ReadonlySet<WireMethod> = new Set(['createOrder', 'transition', 'recordAssignment', 'saveReservations', 'saveCatalog', 'setRiderRoute']);

/** One call; its arguments travel as JSON text (cheaper to pass between threads than an object graph). */
export interface WireCall {
  readonly id: number;
  readonly method: WireMethod;
  readonly argsJson: string;
}

export type WireAnswer = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: WireError };

export type WireError =
  | { readonly kind: 'input'; readonly issues: ReadonlyArray<{ code: DispatchInputIssue['code']; field: string; rule: string; value: unknown }>; readonly truncated: boolean }
  | { readonly kind: 'transition'; readonly orderId: string; readonly from: string; readonly to: string }
  | { readonly kind: 'store'; readonly code: OrderStoreErrorCode; readonly message: string; readonly details: Record<string, string> }
  | { readonly kind: 'other'; readonly name: string; readonly message: string };

/** An error as data. */
export function toWireError(error: unknown): WireError {
  if (error instanceof DispatchInputError) {
    return { kind: 'input', issues: error.issues.map((i) => ({ code: i.code, field: i.field, rule: i.rule, value: cloneable(i.value) })), truncated: error.truncated };
  }
  if (error instanceof IllegalTransitionError) return { kind: 'transition', orderId: error.orderId, from: error.from, to: error.to };
  if (error instanceof OrderStoreError) {
    const details: Record<string, string> = {};
    for (const key of ['orderId', 'idempotencyKey', 'reservationId', 'expected', 'actual'] as const) {
      const v = error[key];
      if (v !== undefined) details[key] = v;
    }
    return { kind: 'store', code: error.code, message: error.message, details };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', name: e.name, message: e.message };
}

/** The error rebuilt from data. */
export function fromWireError(wire: WireError): Error {
  switch (wire.kind) {
    case 'input': {
      const issues = wire.issues.map((i) => ({ ...i, message: `${i.field} ${i.rule}` }) as DispatchInputIssue);
      return issues.length === 1 ? new DispatchInputError(issues[0]!.code, issues[0]!.field, issues[0]!.rule, issues[0]!.value) : DispatchInputError.fromIssues(issues, wire.truncated);
    }
    case 'transition':
      return new IllegalTransitionError(wire.orderId, wire.from, wire.to, ORDER_TRANSITIONS[wire.from as OrderStatus] ?? []);
    case 'store':
      return new OrderStoreError(wire.code, wire.message, wire.details as never);
    default: {
      const e = new Error(wire.message);
      e.name = wire.name;
      return e;
    }
  }
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}
