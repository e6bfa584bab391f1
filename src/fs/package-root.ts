/**
 * Files shipped with the package (templates/, wit/, registry.json) are found relative to the
 * package root, which is the folder above dist/ when bundled and above src/ in tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'create-golem-app') {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('create-golem-app: cannot find the package root (package.json)');
    dir = parent;
  }
}

/** A path inside the installed package, e.g. `packagePath('wit', 'deps')`. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
