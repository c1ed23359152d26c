import assert from 'node:assert/strict';
import { IngestConfigError, IngestLimitError, NdjsonLineSplitter, parseNdjsonLine, type NdjsonLine } from '@o2o/dispatch-worker';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** Feeds `chunks` and ends; every line (text or error) in order. */
function splitAll(chunks: readonly Uint8Array[], options = { maxLineBytes: 1024, maxLines: 1000 }): NdjsonLine[] {
  const splitter = new NdjsonLineSplitter(options);
  const lines: NdjsonLine[] = [];
  for (const chunk of chunks) lines.push(...splitter.push(chunk));
  lines.push(...splitter.end());
  return lines;
}

/** `{line, text}` of ok lines, and `{line, code}` of errors, for compact comparisons. */
function summary(lines: readonly NdjsonLine[]): Array<{ line: number; text?: string; code?: string }> {
  return lines.map((l) => (l.ok ? { line: l.line, text: l.text } : { line: l.line, code: l.error.code }));
}

/** Multi-byte characters of 2, 3 and 4 bytes, CRLF and LF endings, blank lines, no final newline. */
const SAMPLE = '{"a":"é"}\r\n\r\n{"b":"€ 5"}\n   \n{"c":"🚲"}\r\n{"d":"naïve ☕"}';
const SAMPLE_LINES = [
  { line: 1, text: '{"a":"é"}' },
  { line: 3, text: '{"b":"€ 5"}' },
  { line: 5, text: '{"c":"🚲"}' },
  { line: 6, text: '{"d":"naïve ☕"}' },
];

describe('NdjsonLineSplitter', () => {
  it('returns non-blank lines with physical line numbers, for LF and CRLF, and the last line at end()', () => {
    assert.deepEqual(summary(splitAll([utf8(SAMPLE)])), SAMPLE_LINES);
  });

  it('gives the same lines for every split point, including inside a UTF-8 character and inside CRLF', () => {
    const bytes = utf8(SAMPLE);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const lines = splitAll([bytes.subarray(0, cut), bytes.subarray(cut)]);
      assert.deepEqual(summary(lines), SAMPLE_LINES, `split at byte ${cut}`);
    }
  });

  it('gives the same lines when fed one byte at a time, and three-way splits inside 🚲', () => {
    const bytes = utf8(SAMPLE);
    assert.deepEqual(summary(splitAll([...bytes].map((b) => Uint8Array.of(b)))), SAMPLE_LINES);
    const bike = bytes.indexOf(utf8('🚲'));
    const chunks = [bytes.subarray(0, bike + 1), bytes.subarray(bike + 1, bike + 2), bytes.subarray(bike + 2, bike + 3), bytes.subarray(bike + 3)];
    assert.deepEqual(summary(splitAll(chunks)), SAMPLE_LINES);
  });

  it('drops the \\r of a CRLF split across chunks, and keeps a \\r inside a line', () => {
    assert.deepEqual(summary(splitAll([utf8('{"x":1}\r'), utf8('\n{"y":2}\r'), utf8('\n')])), [
      { line: 1, text: '{"x":1}' },
      { line: 2, text: '{"y":2}' },
    ]);
    assert.deepEqual(summary(splitAll([utf8('"a\rb"\n')])), [{ line: 1, text: '"a\rb"' }]);
  });

  it('copies a pending partial line, so a caller reusing its chunk buffer does not corrupt it', () => {
    const splitter = new NdjsonLineSplitter({ maxLineBytes: 100, maxLines: 10 });
    const buffer = Buffer.from('{"k":');
    assert.deepEqual(splitter.push(buffer), []);
    buffer.fill(0x7a);
    assert.deepEqual(summary(splitter.push(utf8('1}\n'))), [{ line: 1, text: '{"k":1}' }]);
  });

  it('reports a line over maxLineBytes as LINE_TOO_LONG with its size, and goes on with the next line', () => {
    const long = `{"pad":"${'x'.repeat(40)}"}`; // 50 bytes
    const bytes = utf8(`{"n":1}\n${long}\r\n{"n":3}\n`);
    for (let cut = 0; cut <= bytes.length; cut += 7) {
      const lines = splitAll([bytes.subarray(0, cut), bytes.subarray(cut)], { maxLineBytes: 20, maxLines: 10 });
      assert.deepEqual(summary(lines), [
        { line: 1, text: '{"n":1}' },
        { line: 2, code: 'LINE_TOO_LONG' },
        { line: 3, text: '{"n":3}' },
      ]);
      const error = (lines[1] as Extract<NdjsonLine, { ok: false }>).error;
      assert.equal(error.value, 50);
      assert.equal(error.rule, 'must be at most 20 bytes');
      assert.equal(error.message, 'line 2 must be at most 20 bytes, got 50');
    }
  });

  it('counts bytes, not characters, and not the line ending', () => {
    const options = { maxLineBytes: 10, maxLines: 10 };
    assert.deepEqual(summary(splitAll([utf8('"éééé"\r\n')], options)), [{ line: 1, text: '"éééé"' }], '10 bytes + CRLF fits');
    assert.deepEqual(summary(splitAll([utf8('"ééééé"\n')], options)), [{ line: 1, code: 'LINE_TOO_LONG' }], '12 bytes');
    assert.deepEqual(summary(splitAll([utf8('"12345678"'), utf8('9')], options)), [{ line: 1, code: 'LINE_TOO_LONG' }], '11 bytes at end()');
  });

  it('throws TOO_MANY_LINES on the first non-blank line over maxLines, blank lines not counted, and keeps throwing', () => {
    const splitter = new NdjsonLineSplitter({ maxLineBytes: 100, maxLines: 2 });
    assert.equal(splitter.push(utf8('1\n\n2\n\n')).length, 2);
    assert.equal(splitter.numLines, 2);
    let thrown: unknown;
    assert.throws(
      () => splitter.push(utf8('3\n')),
      (error: unknown) => {
        thrown = error;
        return error instanceof IngestLimitError && error.code === 'TOO_MANY_LINES' && error.limit === 2 && error.line === 5;
      },
    );
    assert.throws(() => splitter.push(utf8('4\n')), (error: unknown) => error === thrown);
    assert.throws(() => splitter.end(), (error: unknown) => error === thrown);
  });

  it('throws TOO_MANY_LINES from end() for an unterminated last line, not for trailing blank lines', () => {
    const over = new NdjsonLineSplitter({ maxLineBytes: 100, maxLines: 1 });
    over.push(utf8('1\n2'));
    assert.throws(() => over.end(), { name: 'IngestLimitError', code: 'TOO_MANY_LINES' });
    const fine = new NdjsonLineSplitter({ maxLineBytes: 100, maxLines: 1 });
    fine.push(utf8('1\n  \n\r\n'));
    assert.deepEqual(fine.end(), []);
  });

  it('reports invalid UTF-8 as INVALID_UTF8 and goes on', () => {
    const bytes = Buffer.concat([utf8('{"a":1}\n"'), Buffer.from([0xc3, 0x28]), utf8('"\n{"b":2}\n')]);
    assert.deepEqual(summary(splitAll([bytes])), [
      { line: 1, text: '{"a":1}' },
      { line: 2, code: 'INVALID_UTF8' },
      { line: 3, text: '{"b":2}' },
    ]);
    const error = (splitAll([bytes])[1] as Extract<NdjsonLine, { ok: false }>).error;
    assert.equal(error.message, 'line 2 must be valid UTF-8, got "\\"\uFFFD(\\""');
  });

  it('drops a UTF-8 byte-order mark at the start, even split across chunks', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"a":1}\n')]);
    for (let cut = 0; cut <= 4; cut++) {
      assert.deepEqual(summary(splitAll([bytes.subarray(0, cut), bytes.subarray(cut)])), [{ line: 1, text: '{"a":1}' }]);
    }
  });

  it('rejects bad options with INVALID_OPTION, and use after end()', () => {
    assert.throws(() => new NdjsonLineSplitter({ maxLineBytes: 0, maxLines: 1 }), (e: unknown) => e instanceof IngestConfigError && e.code === 'INVALID_OPTION' && e.field === 'maxLineBytes');
    assert.throws(() => new NdjsonLineSplitter({ maxLineBytes: 1, maxLines: 1.5 }), { message: 'maxLines must be an integer ≥ 1, got 1.5' });
    const splitter = new NdjsonLineSplitter({ maxLineBytes: 10, maxLines: 10 });
    splitter.end();
    assert.throws(() => splitter.push(utf8('1\n')), /after end\(\)/);
  });
});

describe('parseNdjsonLine', () => {
  it('parses any JSON value', () => {
    assert.deepEqual(parseNdjsonLine('{"a":[1,2]}', 1), { ok: true, value: { a: [1, 2] } });
    assert.deepEqual(parseNdjsonLine(' 42 ', 1), { ok: true, value: 42 });
  });

  it('reports INVALID_JSON naming the line, the parser reason and the text', () => {
    const result = parseNdjsonLine('{"a":1,}', 7);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.line, 7);
    assert.equal(result.error.code, 'INVALID_JSON');
    assert.equal(result.error.value, '{"a":1,}');
    assert.match(result.error.message, /^line 7 must be one JSON value \(.+\), got "\{\\"a\\":1,\}"$/);
  });
});
