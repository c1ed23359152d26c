/**
 * CPU time of a process read from Linux `/proc/<pid>/stat` (utime + stime, every thread of the
 * process), to report how busy the service was over the measured window, as SERVICE.md's
 * "server CPU %" column does.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc` times (USER_HZ: 100 on every mainstream Linux build). */
const USER_HZ = 100;

/** utime + stime in seconds from a `/proc/<pid>/stat` line, or undefined when malformed. */
export function parseProcStatCpuSec(statText: string): number | undefined {
  // The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
  const fields = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  // After the name, field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) && fields.length > 12 ? (utime + stime) / USER_HZ : undefined;
}

/** CPU seconds process `pid` has used so far, or undefined when `/proc` cannot tell. */
export function readProcessCpuSec(pid: number): number | undefined {
  try {
    return parseProcStatCpuSec(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
