import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { instanceNameOf } from './read-instance.js';

/**
 * Instance files of a benchmark folder: every `*.txt` except README files, sorted by name
 * case-insensitively (which is class order: C1, C2, R1, R2, RC1, RC2; lc1 … lrc2).
 */
export function listInstanceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.txt$/i.test(entry.name) && !/^readme/i.test(entry.name))
    .map((entry) => join(folder, entry.name))
    .sort((a, b) => compareNames(instanceNameOf(a), instanceNameOf(b)));
}

function compareNames(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}
