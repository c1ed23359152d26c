/**
 * Worker entry of the order generator: runs one {@link OpenLoopGenerator} on its own event loop
 * (so that neither autocannon nor the bench's timers in the main thread delay its sends), then
 * posts the result. Protocol: see `order-generator-messages.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LoadCity, LocationBatchFactory, OrderBodyFactory } from './load-city.js';
import { OpenLoopGenerator, type RequestSource } from './open-loop-generator.js';
import type { OrderGeneratorReply, OrderGeneratorWorkerData, RequestSpec, StartMessage } from './order-generator-messages.js';

function requestSource(spec: RequestSpec): RequestSource {
  if (spec.kind === 'fixed') return () => ({ body: spec.body });
  if (spec.kind === 'locations') {
    const batches = new LocationBatchFactory(new LoadCity(spec.numStores, spec.numRiders, spec.seed), spec.batch, spec.seed);
    return () => ({ body: batches.next() });
  }
  const bodies = new OrderBodyFactory(new LoadCity(spec.numStores, 0, spec.seed), spec.runId, spec.seed);
  return (n) => ({ body: bodies.next(n), headers: { 'idempotency-key': `load-${spec.runId}-${n}` } });
}

const port = parentPort;
if (port === null) throw new Error('order-generator.worker must run as a worker thread');
const data = workerData as OrderGeneratorWorkerData;
const post = (reply: OrderGeneratorReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);

port.once('message', (message: StartMessage) => {
  const generator = new OpenLoopGenerator(data.settings, requestSource(data.requests));
  generator.run(message.startAtEpochMs).then(
    (result) => {
      post({ type: 'done', result }, [result.latency.counts.buffer as ArrayBuffer, result.scheduleLag.counts.buffer as ArrayBuffer]);
      port.close();
    },
    (error: unknown) => {
      const { message: text, stack } = error instanceof Error ? error : new Error(String(error));
      post({ type: 'failed', message: text, ...(stack === undefined ? {} : { stack }) });
      port.close();
    },
  );
});
post({ type: 'ready' });
