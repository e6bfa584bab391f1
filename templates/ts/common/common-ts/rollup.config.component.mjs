// The Rollup configuration shared by every TypeScript component of this app. A component's own
// rollup.config.mjs imports this function and exports its result; Rollup runs in the
// component's folder, so relative paths below are relative to that folder.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import alias from '@rollup/plugin-alias';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const GENERATED_INTERFACES = 'src/generated/interfaces';
const DECLARED_MODULE = /declare\s+module\s+['"]([^'"]+)['"]/g;

/**
 * The modules the component imports from its WIT world (`wasi:…`, `golem:…`, clients):
 * `jco guest-types` declares each one in src/generated/interfaces/*.d.ts. They are provided
 * by the component's host at run time, so Rollup must leave them as imports.
 */
function witImportModules() {
  if (!existsSync(GENERATED_INTERFACES)) return [];
  return readdirSync(GENERATED_INTERFACES, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.d.ts'))
    .flatMap((entry) => {
      const text = readFileSync(join(GENERATED_INTERFACES, entry.name), 'utf8');
      return [...text.matchAll(DECLARED_MODULE)].map((match) => match[1]);
    });
}

export default function componentRollupConfig() {
  const external = witImportModules();
  console.log('External packages:', external);
  return {
    input: 'src/main.ts',
    output: { file: 'dist/main.js', format: 'esm' },
    external,
    plugins: [
      // `import … from "common/lib"` reaches the app's shared code in common-ts/src.
      alias({ entries: [{ find: 'common', replacement: resolve(import.meta.dirname, 'src') }] }),
      nodeResolve({ extensions: ['.mjs', '.js', '.json', '.node', '.ts'] }),
      // A type error stops the build instead of producing a component from broken code.
      typescript({ noEmitOnError: true, include: ['./src/**/*.ts', '../../common-ts/src/**/*.ts'] }),
    ],
  };
}
