/**
 * The writer's side of an HTTP front: runs the calls a front forwards on the local
 * {@link LeanBackend} (in arrival order, so a create's checks see every earlier write) and sends
 * the answers back, batched per event-loop turn; records the front's request latencies.
 */
import type { LeanAnswer, LeanBackend } from '../http/lean-backend.js';
import type { ServiceMetrics } from '../observability/service-metrics.js';
import type { FrontCall, FrontCalls, WriterMessage } from './front-wire.js';

/** The front's end of the channel (a cluster `Worker`). */
export interface GatewayChannel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  send(message: WriterMessage): unknown;
  isConnected(): boolean;
}

const INTERNAL: LeanAnswer = Object.freeze({ status: 500, bodyText: JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }) });

export function serveFront(channel: GatewayChannel, backend: LeanBackend, metrics: Pick<ServiceMetrics, 'observeRequest'>): void {
  let answers: { id: number; answer: LeanAnswer }[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const batch = answers;
    answers = [];
    // A front that went away has nobody to answer: its clients saw the connection drop.
    if (channel.isConnected()) channel.send({ type: 'o2o:answers', answers: batch });
  };
  const answer = (id: number, a: LeanAnswer): void => {
    answers.push({ id, answer: a });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  channel.on('message', (message) => {
    const m = message as FrontCalls;
    if (m === null || typeof m !== 'object' || m.type !== 'o2o:calls') return;
    for (const [method, route, status, seconds] of m.observations) metrics.observeRequest(method, route, status, seconds);
    for (const call of m.calls) {
      run(backend, call).then(
        (a) => answer(call.id, a),
        () => answer(call.id, INTERNAL),
      );
    }
  });
}

function run(backend: LeanBackend, call: FrontCall): Promise<LeanAnswer> {
  switch (call.op) {
    case 'createOrder':
      return backend.createOrder(call.principal, call.bodyText, call.key, call.requestId);
    case 'moveRiders':
      return backend.moveRiders(call.principal, call.bodyText, call.requestId);
    case 'moveRider':
      return backend.moveRider(call.principal, call.riderId, call.bodyText, call.requestId);
  }
}
