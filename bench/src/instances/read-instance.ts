import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { detectInstanceFormat } from './detect-instance-format.js';
import { parseLiLim } from './parse-lilim.js';
import { parseSolomon } from './parse-solomon.js';
import type { InstanceFormatOption, VrpInstance } from './vrp-instance.js';

/** The instance name of a file: its name without extension (`/x/C101.txt` → `C101`). */
export function instanceNameOf(path: string): string {
  return basename(path, extname(path));
}

/** Parses instance text in the given format (`auto`: detected). */
export function parseInstance(text: string, name: string, format: InstanceFormatOption): VrpInstance {
  const actual = format === 'auto' ? detectInstanceFormat(text, name) : format;
  return actual === 'solomon' ? parseSolomon(text, name) : parseLiLim(text, name);
}

/** Reads and parses one instance file. */
export function readInstance(path: string, format: InstanceFormatOption): VrpInstance {
  return parseInstance(readFileSync(path, 'utf8'), instanceNameOf(path), format);
}
