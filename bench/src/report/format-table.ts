/** Text tables as Markdown pipe tables, padded so they also read well in a terminal. */

export interface Column {
  readonly header: string;
  /** Numbers right, text left. Default left. */
  readonly align?: 'left' | 'right';
}

export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((col, c) => Math.max(3, col.header.length, ...rows.map((row) => (row[c] ?? '').length)));
  const pad = (text: string, c: number) => (columns[c]?.align === 'right' ? text.padStart(widths[c] ?? 0) : text.padEnd(widths[c] ?? 0));
  const line = (cells: readonly string[]) => `| ${columns.map((_, c) => pad(cells[c] ?? '', c)).join(' | ')} |`;
  const rule = `|${columns.map((col, c) => (col.align === 'right' ? `${'-'.repeat((widths[c] ?? 0) + 1)}:` : '-'.repeat((widths[c] ?? 0) + 2))).join('|')}|`;
  return [line(columns.map((col) => col.header)), rule, ...rows.map(line)].join('\n');
}

/** Fixed decimals, `-` for a missing value. */
export function formatFixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

/** Fixed decimals with an explicit sign (`+0.12`, `-1.00`, `+0.00`), `-` for a missing value. */
export function formatSigned(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  const text = Math.abs(value).toFixed(digits);
  return `${value < 0 && Number(text) !== 0 ? '-' : '+'}${text}`;
}
