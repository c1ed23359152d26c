/**
 * Numbers as the chart writers print them: coordinates rounded to 0.01 px (`svgNumber`, so the
 * same input always gives the same bytes, and never `-0`), tick and value labels with fixed
 * decimals and thousands separators (`formatTickLabel`, locale-independent).
 */

/** A coordinate or length, rounded to two decimals, trailing zeros dropped. */
export function svgNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? '0' : String(rounded);
}

/** `value` with `decimals` decimals and a comma every three integer digits from 10,000 up. */
export function formatTickLabel(value: number, decimals: number): string {
  const text = (Math.abs(value) < 0.5 * 10 ** -decimals ? 0 : value).toFixed(decimals);
  const [integer = '', fraction] = text.split('.');
  const sign = integer.startsWith('-') ? '-' : '';
  const digits = sign === '' ? integer : integer.slice(1);
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+$)/g, ',') : digits;
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
