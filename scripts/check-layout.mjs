#!/usr/bin/env node
// Checks the monorepo skeleton (STYLE.md 8.1): every library package has src/, test/, a README
// and an `exports` map with types; geo never imports dispatch-core; bench imports only public
// entry points. Exits 1 with one line per problem.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
const libs = ['packages/geo', 'packages/dispatch-core'];

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

for (const lib of libs) {
  for (const part of ['src', 'test', 'README.md', 'package.json']) {
    if (!existsSync(join(root, lib, part))) problems.push(`${lib}/${part} is missing`);
  }
  const pkg = JSON.parse(readFileSync(join(root, lib, 'package.json'), 'utf8'));
  const dot = pkg.exports?.['.'];
  if (!dot?.types || !dot?.default) problems.push(`${lib}/package.json exports["."] needs types and default`);
  if (!pkg.files?.includes('dist')) problems.push(`${lib}/package.json files must list dist`);
}
for (const file of walk(join(root, 'packages/geo/src'))) {
  if (/from '@o2o\/dispatch-core'/.test(readFileSync(file, 'utf8'))) problems.push(`${file}: geo must not import dispatch-core`);
}
for (const dir of ['bench/src', 'examples/src']) {
  for (const file of walk(join(root, dir))) {
    const text = readFileSync(file, 'utf8');
    if (/from '@o2o\/[^']+\/[^']+'/.test(text) || /packages\/[a-z-]+\/src/.test(text)) {
      problems.push(`${file}: import packages by their public name only`);
    }
  }
}
for (const p of problems) console.error(p);
if (problems.length) process.exit(1);
console.log(`layout ok (${libs.length} libraries checked)`);
