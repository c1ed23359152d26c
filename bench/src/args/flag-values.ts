/** Checks and converts one flag's string value; every error names the flag, the rule and the value. */
import { parseArgs } from 'node:util';
import { BenchArgError } from './bench-arg-error.js';

/** An integer ≥ `min`, or `fallback` when the flag is absent. */
export function integerFlag(flag: string, raw: string | undefined, min: number, fallback: number): number;
export function integerFlag(flag: string, raw: string | undefined, min: number, fallback?: undefined): number | undefined;
export function integerFlag(flag: string, raw: string | undefined, min: number, fallback?: number): number | undefined {
  if (raw === undefined) return fallback;
  const value = /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new BenchArgError(`--${flag} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** One of `allowed`, or `fallback` when the flag is absent. */
export function enumFlag<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new BenchArgError(`--${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

/** Flag definitions as node:util `parseArgs` takes them (string and boolean flags only). */
export type FlagSpecs = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly default?: string | boolean }>>;

/** Parsed flag values: a string per string flag, a boolean per boolean flag, absent when not given. */
export type FlagValues<T extends FlagSpecs> = { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string };

/** node:util `parseArgs` (strict, positionals allowed) with its errors turned into {@link BenchArgError}. */
export function parseFlags<T extends FlagSpecs>(command: string, argv: readonly string[], options: T): { values: FlagValues<T>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as FlagValues<T>, positionals };
  } catch (error) {
    throw new BenchArgError(`${command}: ${(error as Error).message}`);
  }
}
