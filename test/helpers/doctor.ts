/**
 * Stand-ins for what `doctor` looks for on the machine: programs on PATH that print a version
 * (no golem binary exists here), and an app's npm packages as folders in node_modules.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './cli.js';

/** A folder for PATH holding `name` → a program that prints `output` (null: leave it out). */
export function standInTools(programs: Record<string, string | null>): string {
  const bin = tempDir('cga-bin-');
  for (const [name, output] of Object.entries(programs)) {
    if (output === null) continue;
    const file = join(bin, name);
    // Shell builtins only: PATH may hold nothing but these stand-ins.
    const lines = output.split('\n').map((line) => `echo '${line.replaceAll("'", "'\\''")}'`);
    writeFileSync(file, `#!/bin/sh\n${lines.join('\n')}\n`);
    chmodSync(file, 0o755);
  }
  return bin;
}

/** What a machine ready for TypeScript apps answers: golem 1.2.5, Node 20, npm 10. */
export const TS_TOOLS = { golem: 'golem-cli 1.2.5', node: 'v20.11.1', npm: '10.8.2' };

/** Every package the app's package.json files name, as a folder with a package.json in the root node_modules. */
export function installStandInPackages(root: string, packageJsons: string[]): void {
  for (const rel of ['package.json', ...packageJsons]) {
    const manifest = JSON.parse(readFileSync(join(root, rel), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
      const file = join(root, 'node_modules', name, 'package.json');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify({ name, version: '0.0.0' })}\n`);
    }
  }
}
