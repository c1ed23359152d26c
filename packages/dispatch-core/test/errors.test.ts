import assert from 'node:assert/strict';
import { DispatchError, DispatchInputError, DispatchInternalError, IllegalTransitionError, inputIssue } from '@o2o/dispatch-core';

describe('errors', () => {
  it('gives every error a name, a stable code and the DispatchError base', () => {
    const errors = [
      new DispatchInputError('INVALID_INPUT', 'riders[3].capacity', 'must be a positive integer', -1),
      new IllegalTransitionError('o1', 'delivered', 'assigned', []),
      new DispatchInternalError('broken'),
    ];
    assert.deepEqual(errors.map((e) => [e.name, e.code]), [
      ['DispatchInputError', 'INVALID_INPUT'],
      ['IllegalTransitionError', 'ILLEGAL_TRANSITION'],
      ['DispatchInternalError', 'INTERNAL_ERROR'],
    ]);
    for (const e of errors) assert.ok(e instanceof DispatchError && e instanceof Error);
  });

  it('words an input error as field, rule, value', () => {
    const error = new DispatchInputError('INVALID_INPUT', 'riders[3].capacity', 'must be a positive integer', -1);
    assert.equal(error.message, 'riders[3].capacity must be a positive integer, got -1');
    assert.deepEqual(error.issues, [inputIssue('INVALID_INPUT', 'riders[3].capacity', 'must be a positive integer', -1)]);
    assert.equal(error.truncated, false);
    assert.equal('cause' in error, false);
  });

  it('builds one error from several issues, naming the first', () => {
    const issues = [
      inputIssue('DUPLICATE_ID', 'orders[2].id', 'must be unique among orders (already used by orders[0])', 'o1'),
      inputIssue('INVALID_INPUT', 'orders[3].size', 'must be a positive integer', 0),
    ];
    const error = DispatchInputError.fromIssues(issues);
    assert.equal(error.code, 'DUPLICATE_ID');
    assert.equal(error.field, 'orders[2].id');
    assert.equal(error.value, 'o1');
    assert.equal(error.issues.length, 2);
    assert.equal(
      error.message,
      'orders[2].id must be unique among orders (already used by orders[0]), got "o1"; 1 more issue(s):\n  - orders[3].size must be a positive integer, got 0',
    );
  });

  it('refuses to build an input error from no issues', () => {
    assert.throws(() => DispatchInputError.fromIssues([]), DispatchInternalError);
  });
});
