import { InstanceParseError, isIntegerRow, numberedLines } from './instance-parse-error.js';
import type { InstanceFormat } from './vrp-instance.js';

/**
 * Tells the two formats apart from the text: Solomon files have `VEHICLE` and `CUSTOMER`
 * sections, Li & Lim files start with a numeric row `K Q S`.
 */
export function detectInstanceFormat(text: string, name: string): InstanceFormat {
  const lines = numberedLines(text).filter((line) => line.tokens.length > 0);
  const words = new Set(lines.map((line) => line.tokens[0]?.toUpperCase()));
  if (words.has('VEHICLE') && words.has('CUSTOMER')) return 'solomon';
  const first = lines[0]?.tokens ?? [];
  if (first.length === 3 && isIntegerRow(first)) return 'lilim';
  throw new InstanceParseError(`${name}: cannot tell the format (no VEHICLE/CUSTOMER sections, no "K Q S" first row); pass --format solomon|lilim`);
}
