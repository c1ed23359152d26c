/**
 * The live operations view's static files, read once into memory: the page (`web/static/index.html`),
 * its stylesheet (`web/static/`) and its scripts (`dist-web/`, compiled from `web/src/` by the
 * build). Served from memory by name, so no request path ever reaches the file system.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file as served. */
export interface OpsAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The package root: this module is `dist/http/ops-assets.js` (or `src/http/ops-assets.ts` under tsx). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the page and its stylesheet live, and where the build writes its scripts. */
export const OPS_STATIC_DIR = join(PACKAGE_ROOT, 'web', 'static');
export const OPS_SCRIPT_DIR = join(PACKAGE_ROOT, 'dist-web');
/** The page's entry script, which the page loads from `/ops/`. */
export const OPS_ENTRY_SCRIPT = 'ops-view.js';
/** Asset names: lower-case words, one extension (a source map too). */
export const OPS_ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(?:js|js\.map|css|html)$/;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export class OpsAssets {
  private constructor(
    private readonly files: ReadonlyMap<string, OpsAsset>,
    /** The page, or undefined when it or its entry script is missing (not built). */
    readonly page: OpsAsset | undefined,
  ) {}

  /** Reads every asset of `staticDir` and `scriptDir` (missing directories give no files). */
  static load(staticDir = OPS_STATIC_DIR, scriptDir = OPS_SCRIPT_DIR): OpsAssets {
    const files = new Map<string, OpsAsset>();
    for (const dir of [staticDir, scriptDir]) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) {
        if (!OPS_ASSET_NAME.test(name)) continue;
        const ext = name.endsWith('.js.map') ? '.map' : name.slice(name.lastIndexOf('.'));
        files.set(name, { contentType: CONTENT_TYPES[ext]!, body: readFileSync(join(dir, name)) });
      }
    }
    const page = files.get('index.html');
    files.delete('index.html');
    return new OpsAssets(files, files.has(OPS_ENTRY_SCRIPT) ? page : undefined);
  }

  /** The asset served as `/ops/<name>`, if any. */
  get(name: string): OpsAsset | undefined {
    return this.files.get(name);
  }

  /** Names served under `/ops/`, sorted. */
  names(): string[] {
    return [...this.files.keys()].sort();
  }
}
