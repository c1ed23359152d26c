import assert from 'node:assert/strict';
import { SseParser } from '@o2o/dispatch-worker/web/sse-parser';

describe('web/sse-parser', () => {
  it('frames events however the chunks cut them, skipping comments and retry lines', () => {
    const text = 'retry: 2000\n: subscribed at event 4\n\nid: 5\nevent: order.placed\ndata: {"id":5}\n\n: keep-alive\n\nid: 6\r\nevent: epoch.completed\r\ndata: {"a":\r\ndata: 1}\r\n\r\n';
    for (const size of [1, 3, 7, text.length]) {
      const parser = new SseParser();
      const frames = [];
      for (let i = 0; i < text.length; i += size) frames.push(...parser.push(text.slice(i, i + size)));
      assert.deepEqual(frames, [
        { id: '5', event: 'order.placed', data: '{"id":5}' },
        { id: '6', event: 'epoch.completed', data: '{"a":\n1}' },
      ], `chunks of ${size}`);
    }
  });

  it('keeps an unfinished frame until its blank line arrives', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('id: 1\ndata: x'), []);
    assert.deepEqual(parser.push('y\n'), []);
    assert.deepEqual(parser.push('\n'), [{ id: '1', data: 'xy' }]);
  });
});
