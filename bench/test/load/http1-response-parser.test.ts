import assert from 'node:assert/strict';
import { Http1ResponseParser, type Http1Response } from '@o2o/bench/load';

/** Feeds `text` in pieces of `step` bytes and returns the responses read. */
function parse(text: string, step: number): Http1Response[] {
  const responses: Http1Response[] = [];
  const parser = new Http1ResponseParser((response) => responses.push(response));
  const bytes = Buffer.from(text, 'latin1');
  for (let i = 0; i < bytes.length; i += step) parser.push(bytes.subarray(i, i + step));
  parser.end();
  return responses;
}

const CONTENT_LENGTH = 'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"id":"x"}';
const CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1a;ext=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n';
const CHUNKED_TRAILER = 'HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nx-trailer: 1\r\n\r\n';
const NO_BODY = 'HTTP/1.1 204 No Content\r\n\r\n';
const CONTINUE_THEN_CLOSE = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nConnection: close\r\ncontent-length: 0\r\n\r\n';

describe('Http1ResponseParser', () => {
  it('finds the end of Content-Length, chunked, bodiless and interim responses, however the bytes are split', () => {
    const stream = CONTENT_LENGTH + CHUNKED + CHUNKED_TRAILER + NO_BODY + CONTENT_LENGTH + CONTINUE_THEN_CLOSE;
    const expected = [
      { status: 201, isClosing: false },
      { status: 200, isClosing: false },
      { status: 429, isClosing: false },
      { status: 204, isClosing: false },
      { status: 201, isClosing: false },
      { status: 503, isClosing: true },
    ];
    for (const step of [1, 2, 3, 7, 13, 64, stream.length]) assert.deepEqual(parse(stream, step), expected, `pieces of ${step} bytes`);
  });

  it('reads a body without length to the end of the connection, and HTTP/1.0 as closing', () => {
    assert.deepEqual(parse('HTTP/1.0 200 OK\r\n\r\nall of it', 4), [{ status: 200, isClosing: true }]);
    assert.deepEqual(parse('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok', 4), [{ status: 200, isClosing: false }]);
  });

  it('says when it is between responses, and rejects malformed ones', () => {
    const parser = new Http1ResponseParser(() => {});
    assert.equal(parser.isIdle, true);
    parser.push(Buffer.from('HTTP/1.1 201 Created\r\nContent-Le'));
    assert.equal(parser.isIdle, false);
    parser.push(Buffer.from('ngth: 2\r\n\r\n{}'));
    assert.equal(parser.isIdle, true);
    assert.throws(() => parse('HTTP/2 200\r\n\r\n', 100), /malformed status line/);
    assert.throws(() => parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 100), /malformed chunk size/);
  });
});
