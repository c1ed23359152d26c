/**
 * A delimited text table with a header line, as the MDRP (tab-separated) and Rappi
 * (comma-separated) files are: cells are split on the delimiter (neither source quotes), blank
 * lines are skipped, and every error names the file, the line and the column:
 * `orders.txt line 7: placement_time must be an integer, got "7.5"`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InstanceParseError } from '../instances/instance-parse-error.js';

/** One data line: its 1-based line number and its cells (trimmed). */
export interface TableRow {
  readonly lineNo: number;
  readonly cells: readonly string[];
}

/** A parsed table; its accessors convert cells and throw `InstanceParseError` naming file, line and column. */
export class DelimitedTable {
  private readonly columnIndex: ReadonlyMap<string, number>;

  private constructor(
    /** File name used in messages (e.g. `orders.txt`). */
    readonly file: string,
    readonly columns: readonly string[],
    readonly rows: readonly TableRow[],
  ) {
    this.columnIndex = new Map(columns.map((c, i) => [c, i]));
  }

  /** Parses `text`; the header must be exactly `columns` and each row must have that many cells. */
  static parse(text: string, file: string, delimiter: string, columns: readonly string[]): DelimitedTable {
    const lines = text.split(/\r?\n/);
    const header = (lines[0] ?? '').split(delimiter).map((c) => c.trim());
    if (header.join('\u0000') !== columns.join('\u0000')) {
      throw new InstanceParseError(`${file} line 1: the header must be ${JSON.stringify(columns.join(delimiter))}, got ${JSON.stringify(lines[0] ?? '')}`);
    }
    const rows: TableRow[] = [];
    lines.forEach((line, i) => {
      if (i === 0 || line.trim() === '') return;
      const cells = line.split(delimiter).map((c) => c.trim());
      if (cells.length !== columns.length) {
        throw new InstanceParseError(`${file} line ${i + 1}: expected ${columns.length} fields (${columns.join(', ')}), got ${cells.length}`);
      }
      rows.push({ lineNo: i + 1, cells });
    });
    return new DelimitedTable(file, columns, rows);
  }

  /** Reads `path` and parses it (see {@link DelimitedTable.parse}). */
  static read(path: string, delimiter: string, columns: readonly string[]): DelimitedTable {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new InstanceParseError(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    return DelimitedTable.parse(text, basename(path), delimiter, columns);
  }

  /** A non-empty cell. */
  text(row: TableRow, column: string): string {
    const value = this.cell(row, column);
    if (value === '') throw this.error(row, column, 'must not be empty', value);
    return value;
  }

  /** A non-empty cell not seen before in this column (`seen`: id → line, filled as rows are read). */
  uniqueText(row: TableRow, column: string, seen: Map<string, number>): string {
    const value = this.text(row, column);
    const first = seen.get(value);
    if (first !== undefined) throw this.error(row, column, `must be unique (already on line ${first})`, value);
    seen.set(value, row.lineNo);
    return value;
  }

  /** A decimal integer cell. */
  integer(row: TableRow, column: string): number {
    const value = this.cell(row, column);
    if (!/^[+-]?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw this.error(row, column, 'must be an integer', value);
    return Number(value);
  }

  /** A finite decimal number cell. */
  number(row: TableRow, column: string): number {
    const value = this.cell(row, column);
    const parsed = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(parsed)) throw this.error(row, column, 'must be a number', value);
    return parsed;
  }

  /** An error naming the file, the row's line and the column: `${file} line ${n}: ${column} ${rule}, got ${value}`. */
  error(row: TableRow, column: string, rule: string, value: unknown): InstanceParseError {
    return new InstanceParseError(`${this.file} line ${row.lineNo}: ${column} ${rule}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }

  private cell(row: TableRow, column: string): string {
    const index = this.columnIndex.get(column);
    if (index === undefined) throw new RangeError(`${this.file} has no column ${JSON.stringify(column)}`);
    return row.cells[index] ?? '';
  }
}
