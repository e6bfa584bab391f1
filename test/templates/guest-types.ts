/**
 * Type-checking a TS component as its build would: `jco guest-types` bindings of its
 * wit-generated (through @bytecodealliance/jco-transpile's generateGuestTypes, the same
 * js-component-bindgen) written to src/generated, then `tsc --noEmit -p` on the component's own
 * tsconfig.json (which extends common-ts/tsconfig.component.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { jcoAsyncExportArgs } from '../../src/rpc/index.js';
import { ROOT } from '../helpers/cli.js';

const require = createRequire(import.meta.url);

let ready: Promise<typeof import('@bytecodealliance/jco-transpile')> | undefined;

/** jco-transpile with the WASI filesystem shim opened on `/` (it reads WIT from disk). */
function jco() {
  ready ??= (async () => {
    const main = require.resolve('@bytecodealliance/jco-transpile');
    const shim = (await import(createRequire(main).resolve('@bytecodealliance/preview2-shim/filesystem'))) as { _setPreopens(p: Record<string, string>): void };
    shim._setPreopens({ '/': '/' });
    return import('@bytecodealliance/jco-transpile');
  })();
  return ready;
}

/**
 * Golem's build passes its async export list as `--async-imports <iface>#<fn>` (a workaround for
 * jco#622 in the jco 1.10.2 it pins, where that flag makes the *exports* async). The jco here
 * has the dedicated `asyncExports`, which gives the same Promise-returning export types.
 */
function asyncExports(generatedWit: string): string[] {
  const args = jcoAsyncExportArgs(generatedWit).split(' ').filter(Boolean);
  return args.filter((_, i) => i % 2 === 1);
}

export async function writeGuestTypes(componentDir: string): Promise<string[]> {
  const { generateGuestTypes } = await jco();
  const wit = join(componentDir, 'wit-generated');
  const files = await generateGuestTypes(wit, { guest: true, asyncMode: 'jspi', asyncWasiExports: true, asyncExports: asyncExports(wit) } as never);
  const out = join(componentDir, 'src', 'generated');
  for (const [rel, bytes] of Object.entries(files as Record<string, Uint8Array>)) {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel), bytes);
  }
  return Object.keys(files as object);
}

/** `tsc --noEmit -p <component>/tsconfig.json`; the app gets this project's node_modules (typescript, @types/node). */
export function typeCheck(appRoot: string, componentDir: string): { ok: boolean; output: string } {
  if (!existsSync(join(appRoot, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(appRoot, 'node_modules'), 'dir');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(componentDir, 'tsconfig.json')], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
