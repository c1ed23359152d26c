import assert from 'node:assert/strict';
import { DispatchInputError, type DispatchInputErrorCode } from '@o2o/dispatch-core';

/** What a single broken rule must report. */
export interface ExpectedIssue {
  readonly code: DispatchInputErrorCode;
  readonly field: string;
  /** The value as the message renders it, e.g. `-1`, `"x"`, `undefined`. */
  readonly got: string;
}

/**
 * Asserts that `fn` throws a {@link DispatchInputError} with exactly one issue, which has the
 * expected code and field and whose message ends with `got <value>`. Returns the error.
 */
export function assertInputError(fn: () => unknown, expected: ExpectedIssue): DispatchInputError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof DispatchInputError, `expected a DispatchInputError, got ${String(caught)}`);
  assert.deepEqual(
    caught.issues.map((i) => [i.code, i.field]),
    [[expected.code, expected.field]],
    `unexpected issues: ${caught.message}`,
  );
  assert.equal(caught.code, expected.code);
  assert.equal(caught.field, expected.field);
  assert.ok(caught.message.startsWith(`${expected.field} `), caught.message);
  assert.ok(caught.message.endsWith(`, got ${expected.got}`), `message ${JSON.stringify(caught.message)} should end with "got ${expected.got}"`);
  return caught;
}
