/**
 * Where the service's entry point is, to run it as a child process (the crash tests, the failover
 * drill).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the service entry (`node <SERVICE_MAIN_PATH> --port 0 ...`): `dist/main.js`, or
 * `src/main.ts` when this module runs from source (then spawn it with {@link serviceCommand}).
 */
export const SERVICE_MAIN_PATH: string = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.js', import.meta.url));

/**
 * The arguments of `node` that run the service: the compiled entry, or its TypeScript source
 * through tsx (with the `o2o-source` condition) when running from source or when only the
 * source is there.
 */
export function serviceCommand(): string[] {
  const source = SERVICE_MAIN_PATH.replace(/\.js$/, '.ts');
  if (SERVICE_MAIN_PATH.endsWith('.ts') || (!existsSync(SERVICE_MAIN_PATH) && existsSync(source))) return ['--import=tsx', '--conditions=o2o-source', source];
  return [SERVICE_MAIN_PATH];
}
