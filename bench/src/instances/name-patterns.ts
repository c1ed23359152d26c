import { BenchArgError } from '../args/bench-arg-error.js';

/**
 * `--instances` values: a comma-separated list of names or globs (`*` any run, `?` one
 * character), matched case-insensitively against instance names: `C1*,R101`, `lrc2??`.
 */
export function parseNamePatterns(raw: string): RegExp[] {
  const parts = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new BenchArgError(`--instances must list at least one name or glob, got ${JSON.stringify(raw)}`);
  return parts.map((glob) => {
    if (!/^[\w.*?-]+$/.test(glob)) throw new BenchArgError(`--instances entries may use letters, digits, "_", "-", ".", "*" and "?" only, got ${JSON.stringify(glob)}`);
    const source = glob.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp(`^${source}$`, 'i');
  });
}

/** True when the name matches at least one pattern. */
export function matchesAnyPattern(name: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(name));
}
