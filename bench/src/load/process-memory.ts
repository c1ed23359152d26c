/**
 * Resident memory of a process read from Linux `/proc/<pid>/status`: `VmRSS` (now) and `VmHWM`
 * (its peak since the process started). Both cover every thread of the process, so a Node
 * server's worker threads are included.
 */
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Resident set size now, in KiB (`VmRSS`). */
  readonly rssKb: number;
  /** Peak resident set size since the process started, in KiB (`VmHWM`). */
  readonly peakRssKb: number;
}

/** The `VmRSS` / `VmHWM` fields of a `/proc/<pid>/status` text, or undefined when absent. */
export function parseProcStatusMemory(statusText: string): ProcessMemory | undefined {
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(statusText)?.[1];
  const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(statusText)?.[1];
  if (rss === undefined) return undefined;
  const rssKb = Number(rss);
  return { rssKb, peakRssKb: hwm === undefined ? rssKb : Number(hwm) };
}

/** The memory of process `pid` now, or undefined when `/proc` cannot tell (not Linux, or the process is gone). */
export function readProcessMemory(pid: number): ProcessMemory | undefined {
  try {
    return parseProcStatusMemory(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** KiB to MiB, one decimal. */
export function kbToMb(kb: number): number {
  return Math.round((kb / 1024) * 10) / 10;
}
