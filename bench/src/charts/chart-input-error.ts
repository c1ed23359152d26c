/**
 * Bad input to a chart writer: no data, a value that is not a finite number, or an option the
 * chart cannot honour. `code` is stable; the message names the field, the rule and the value
 * ("series[0].values[3] must be a finite number, got NaN").
 */

/** `CHART_EMPTY`: nothing to draw. `CHART_NOT_FINITE`: NaN or ±Infinity. `CHART_BAD_OPTION`: an option out of its range. */
export type ChartInputErrorCode = 'CHART_EMPTY' | 'CHART_NOT_FINITE' | 'CHART_BAD_OPTION';

export class ChartInputError extends Error {
  readonly code: ChartInputErrorCode;
  constructor(code: ChartInputErrorCode, message: string) {
    super(message);
    this.name = 'ChartInputError';
    this.code = code;
  }
}

/** Throws `CHART_NOT_FINITE` unless `value` is a finite number; `field` names it in the message. */
export function assertFiniteValue(field: string, value: number): void {
  if (!Number.isFinite(value)) throw new ChartInputError('CHART_NOT_FINITE', `${field} must be a finite number, got ${String(value)}`);
}
