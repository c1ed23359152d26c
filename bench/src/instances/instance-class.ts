/**
 * Benchmark classes by instance name: Solomon C1, C2, R1, R2, RC1, RC2 (`C101` → `C1`,
 * `RC208` → `RC2`) and Li & Lim LC1 … LRC2 (`lc101` → `LC1`, `lrc207` → `LRC2`). Class 1 has
 * short horizons (many vehicles), class 2 long ones.
 */
export const INSTANCE_CLASSES = ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2', 'LC1', 'LC2', 'LR1', 'LR2', 'LRC1', 'LRC2'] as const;

export type InstanceClass = (typeof INSTANCE_CLASSES)[number];

const CLASS_PATTERN = /^(l?(?:rc|c|r))([12])\d{2}$/i;

/** The class of an instance name, or undefined for names outside both benchmark sets. */
export function instanceClassOf(name: string): InstanceClass | undefined {
  const match = CLASS_PATTERN.exec(name);
  if (match === null) return undefined;
  const cls = `${match[1]}${match[2]}`.toUpperCase();
  return (INSTANCE_CLASSES as readonly string[]).includes(cls) ? (cls as InstanceClass) : undefined;
}

/** Sort rank of a class name: benchmark order, unknown classes last. */
export function classRank(cls: string): number {
  const idx = (INSTANCE_CLASSES as readonly string[]).indexOf(cls);
  return idx < 0 ? INSTANCE_CLASSES.length : idx;
}
