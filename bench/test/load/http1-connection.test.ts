import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Http1Connection, type Http1Outcome } from '@o2o/bench/load';

const REQUEST = 'POST /x HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 2\r\n\r\n{}';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const sendOn = (connection: Http1Connection): Promise<Http1Outcome> => new Promise((resolve) => connection.send(REQUEST, resolve));

describe('Http1Connection', () => {
  it('keeps one socket alive across requests, and opens a new one after connection: close', async () => {
    const sockets = new Set<unknown>();
    let n = 0;
    const server = createServer((req, res) => {
      sockets.add(req.socket);
      req.resume();
      res.writeHead(n++ === 1 ? 429 : 201, n === 2 ? { connection: 'close' } : {}).end('{}');
    });
    const connection = new Http1Connection('127.0.0.1', await listen(server));
    try {
      assert.deepEqual([await sendOn(connection), await sendOn(connection), await sendOn(connection), await sendOn(connection)], [201, 429, 201, 201]);
      assert.equal(sockets.size, 2);
      assert.equal(connection.isBusy, false);
      assert.throws(() => {
        connection.send(REQUEST, () => {});
        connection.send(REQUEST, () => {});
      }, /already in flight/);
    } finally {
      connection.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('reports a refused connection, and can send again from its callback', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const connection = new Http1Connection('127.0.0.1', port);
    const outcomes = await new Promise<Http1Outcome[]>((resolve) => {
      connection.send(REQUEST, (first) => connection.send(REQUEST, (second) => resolve([first, second])));
    });
    assert.deepEqual(outcomes, ['ECONNREFUSED', 'ECONNREFUSED']);
  });

  it('gives an aborted request the abort outcome once', async () => {
    const server = createServer(() => {}); // never answers
    const connection = new Http1Connection('127.0.0.1', await listen(server));
    try {
      const outcomes: Http1Outcome[] = [];
      connection.send(REQUEST, (outcome) => outcomes.push(outcome));
      await new Promise((resolve) => setTimeout(resolve, 50));
      connection.abort('timeout');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(outcomes, ['timeout']);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
