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

/**
 * A stand-in for the app's `@bytecodealliance/jco` (its package API, as the declarations step
 * imports it): `types` writes `index.d.ts` naming every function of the WIT folder, so the output
 * follows the WIT. Real jco runs in the build tier (test/build).
 */
export function installStandInJco(root: string): void {
  const dir = join(root, 'node_modules', '@bytecodealliance', 'jco');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: '@bytecodealliance/jco', version: '1.10.2', type: 'module', exports: { '.': './index.js' } })}\n`);
  writeFileSync(
    join(dir, 'index.js'),
    `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
export async function types(witPath) {
  const files = readdirSync(witPath, { recursive: true }).filter((f) => f.endsWith('.wit')).sort();
  const functions = files.flatMap((f) => [...readFileSync(join(witPath, f), 'utf8').matchAll(/([a-z][a-z0-9-]*): func/g)].map((m) => m[1]));
  return { 'index.d.ts': new TextEncoder().encode(functions.map((f) => 'export function ' + f + '(): void;\\n').join('')) };
}
`,
  );
}
