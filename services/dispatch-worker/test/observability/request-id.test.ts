import assert from 'node:assert/strict';
import { REQUEST_ID_HEADER, newRequestId, requestIdOf } from '@o2o/dispatch-worker';

const GOOD = /^[A-Za-z0-9._-]{1,64}$/;

describe('requestIdOf', () => {
  it('keeps a well-formed caller id', () => {
    for (const id of ['a', 'req-42', 'A.b_C-9', '0f8fad5b-d9cb-469f-a165-70867728950e', 'x'.repeat(64)]) assert.equal(requestIdOf(id), id);
    assert.equal(REQUEST_ID_HEADER, 'x-request-id');
  });

  it('replaces missing, empty, too long, badly formed and repeated ids with a new one', () => {
    const bad: (string | string[] | undefined)[] = [undefined, '', 'x'.repeat(65), 'has space', 'semi;colon', 'new\nline', 'ünï', '<script>', ['req-1'], ['a', 'b'], []];
    const seen = new Set<string>();
    for (const header of bad) {
      const id = requestIdOf(header);
      assert.notEqual(id, header);
      assert.match(id, GOOD);
      assert.ok(id.length <= 32, id);
      seen.add(id);
    }
    assert.equal(seen.size, bad.length, 'each new id is unique');
  });

  it('new ids share a process prefix and never repeat', () => {
    const ids = Array.from({ length: 10_000 }, () => newRequestId());
    assert.equal(new Set(ids).size, ids.length);
    const prefixes = new Set(ids.map((id) => id.split('-')[0]));
    assert.equal(prefixes.size, 1);
    for (const id of ids.slice(0, 5)) assert.equal(requestIdOf(id), id, 'a generated id is itself a good id');
  });
});
