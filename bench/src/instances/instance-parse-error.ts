/** A benchmark file (instance or BKS table) that does not follow its format. */
export class InstanceParseError extends Error {
  readonly code = 'INSTANCE_PARSE';
  constructor(message: string) {
    super(message);
    this.name = 'InstanceParseError';
  }
}

/** Splits text into trimmed lines, numbered from 1, accepting CRLF (the data files use it). */
export function numberedLines(text: string): { readonly lineNo: number; readonly tokens: string[] }[] {
  return text.split(/\r?\n/).map((line, i) => ({ lineNo: i + 1, tokens: line.trim().split(/\s+/).filter((t) => t !== '') }));
}

/** True when every token is a decimal integer (optionally signed). */
export function isIntegerRow(tokens: readonly string[]): boolean {
  return tokens.length > 0 && tokens.every((t) => /^[+-]?\d+$/.test(t));
}

/** True when every token is a number (integer, decimal or exponent): a data row, whether or not its values are valid. */
export function isNumericRow(tokens: readonly string[]): boolean {
  return tokens.length > 0 && tokens.every((t) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t));
}

/** Parses a row of integer tokens, or throws naming the file and line. */
export function integerRow(tokens: readonly string[], where: string): number[] {
  if (!isIntegerRow(tokens)) throw new InstanceParseError(`${where}: expected integers, got ${JSON.stringify(tokens.join(' '))}`);
  return tokens.map(Number);
}
