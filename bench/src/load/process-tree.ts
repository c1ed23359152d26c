/**
 * A process and its direct children (e.g. the service's writer and its HTTP fronts under
 * `--http-workers`), from Linux `/proc`, so the bench's CPU and memory figures cover all of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readProcessCpuSec } from './process-cpu.js';
import { readProcessMemory, type ProcessMemory } from './process-memory.js';

/** PIDs whose parent is `pid` (empty when `/proc` cannot tell). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return children;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After the parenthesised command name: state, then ppid.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

/** CPU seconds used so far by `pid` and its live children, or undefined when `pid` cannot be read. */
export function readProcessTreeCpuSec(pid: number): number | undefined {
  const own = readProcessCpuSec(pid);
  if (own === undefined) return undefined;
  let total = own;
  for (const child of childPids(pid)) total += readProcessCpuSec(child) ?? 0;
  return total;
}

/** Resident memory of `pid` plus its live children (peaks summed: an upper bound), or undefined when `pid` cannot be read. */
export function readProcessTreeMemory(pid: number): ProcessMemory | undefined {
  const own = readProcessMemory(pid);
  if (own === undefined) return undefined;
  let { rssKb, peakRssKb } = own;
  for (const child of childPids(pid)) {
    const m = readProcessMemory(child);
    if (m === undefined) continue;
    rssKb += m.rssKb;
    peakRssKb += m.peakRssKb;
  }
  return { rssKb, peakRssKb };
}
