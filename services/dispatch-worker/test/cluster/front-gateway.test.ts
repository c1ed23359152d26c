import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { RemoteLeanBackend, WRITER_UNAVAILABLE, serveFront, type FrontCalls, type LeanAnswer, type LeanBackend, type WriterMessage } from '@o2o/dispatch-worker';

/** Both ends of an in-memory channel, delivering asynchronously as IPC does. */
function pair() {
  const toWriter = new EventEmitter();
  const toFront = new EventEmitter();
  let connected = true;
  const sent: FrontCalls[] = [];
  const front = {
    get connected() {
      return connected;
    },
    send(m: FrontCalls) {
      sent.push(m);
      setImmediate(() => toWriter.emit('message', structuredClone(m)));
    },
  };
  const writer = {
    on: (e: 'message', l: (m: unknown) => void) => toWriter.on(e, l),
    send: (m: WriterMessage) => setImmediate(() => toFront.emit('message', structuredClone(m))),
    isConnected: () => connected,
  };
  return { front, writer, toFront, sent, disconnect: () => (connected = false) };
}

const principal = { role: 'admin', sub: 'a', expiresAt: 2e9 } as const;

describe('front gateway + RemoteLeanBackend', () => {
  it('batches the calls of a tick into one message, runs them on the writer in order, and routes every answer back', async () => {
    const { front, writer, toFront, sent } = pair();
    const seen: string[] = [];
    const observed: unknown[][] = [];
    const local: LeanBackend = {
      createOrder: async (p, body, key) => (seen.push(`create ${key} ${body}`), { status: 201, bodyText: JSON.stringify({ by: p.sub, key }) }),
      moveRiders: async (_p, body) => (seen.push(`riders ${body}`), { status: 200, bodyText: '{"accepted":1,"rejected":[]}' }),
      moveRider: async (_p, riderId) => (seen.push(`rider ${riderId}`), { status: 204 }),
    };
    serveFront(writer, local, { observeRequest: (...a: unknown[]) => void observed.push(a) });
    const remote = new RemoteLeanBackend(front);
    toFront.on('message', (m: WriterMessage) => remote.receive(m));
    remote.observe('POST', '/v1/orders', 201, 0.004);
    const answers = await Promise.all([
      remote.createOrder(principal, '{"a":1}', 'k1', 'r1'),
      remote.moveRiders(principal, '{"locations":[]}', 'r2'),
      remote.moveRider(principal, 'rider%201', undefined, 'r3'),
      remote.createOrder(principal, undefined, undefined, 'r4'),
    ]);
    assert.equal(sent.length, 1, 'one IPC message for the four calls and the observation');
    assert.deepEqual(seen, ['create k1 {"a":1}', 'riders {"locations":[]}', 'rider rider%201', 'create undefined undefined']);
    assert.deepEqual(answers.map((a) => a.status), [201, 200, 204, 201]);
    assert.deepEqual(JSON.parse(answers[0]!.bodyText!), { by: 'a', key: 'k1' });
    assert.deepEqual(observed, [['POST', '/v1/orders', 201, 0.004]]);
    assert.equal(remote.inFlight, 0);
  });

  it('answers 503 WRITER_UNAVAILABLE for calls in flight when the writer goes away, and at once once disconnected', async () => {
    const { front, disconnect } = pair();
    const remote = new RemoteLeanBackend(front); // nobody serves the writer side: calls stay in flight
    const pending = remote.createOrder(principal, '{}', 'k', 'r');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(remote.inFlight, 1);
    remote.failAll();
    const answer: LeanAnswer = await pending;
    assert.equal(answer.status, 503);
    assert.equal(answer, WRITER_UNAVAILABLE);
    disconnect();
    assert.equal((await remote.moveRiders(principal, '{}', 'r')).status, 503);
    assert.equal(remote.inFlight, 0);
  });

  it('a backend that throws answers 500 for that call only', async () => {
    const { front, writer, toFront } = pair();
    serveFront(writer, { createOrder: async () => Promise.reject(new Error('boom')), moveRiders: async () => ({ status: 200, bodyText: '{}' }), moveRider: async () => ({ status: 204 }) }, { observeRequest: () => undefined });
    const remote = new RemoteLeanBackend(front);
    toFront.on('message', (m: WriterMessage) => remote.receive(m));
    const [a, b] = await Promise.all([remote.createOrder(principal, '{}', undefined, 'r'), remote.moveRider(principal, 'x', '{}', 'r')]);
    assert.equal(a.status, 500);
    assert.equal(b.status, 204);
  });
});
