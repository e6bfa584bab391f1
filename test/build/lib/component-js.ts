/**
 * Looking at and running built components with the app's own jco (the version the app pins):
 * `jco wit` prints a component's world (wasm-tools inside jco), `jco transpile` turns it into an
 * ES module that Node runs on the WASI shim (@bytecodealliance/preview2-shim).
 *
 * Transpiled output goes below the app (`golem-temp/build-tier/`) so that the shim resolves from
 * the app's node_modules: the caller, its stand-in client and the provider then share one copy
 * of the shim, and so one kind of pollable.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/build/', import.meta.url));

function jco(appDir: string, args: string[]): string {
  const r = spawnSync(join(appDir, 'node_modules', '.bin', 'jco'), args, { cwd: appDir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`jco ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** The component's world as wasm-tools prints it (`jco wit`). */
export function printComponentWorld(appDir: string, wasm: string): string {
  return jco(appDir, ['wit', wasm]);
}

/** The `import …;` / `export …;` lines of a printed world, names only. */
export function worldItems(printed: string): { imports: string[]; exports: string[] } {
  const names = (kind: string) => [...printed.matchAll(new RegExp(`^\\s*${kind}\\s+([^\\s;]+);`, 'gm'))].map((m) => m[1]!);
  return { imports: names('import'), exports: names('export') };
}

/** Folder for one app's transpiled modules (an ES module scope). */
export function runDir(appDir: string): string {
  const dir = join(appDir, 'golem-temp', 'build-tier');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return dir;
}

export interface TranspileOptions {
  /** Binds imports to other modules: `--map <import>=<module relative to the output folder>`. */
  maps?: Record<string, string>;
  /** `sync`: the module exports `instantiate(getCoreModule, imports)`, for several instances. */
  instantiation?: 'sync';
}

/** `jco transpile` into `<runDir>/<name>/<name>.js`. */
export function transpile(appDir: string, wasm: string, name: string, options: TranspileOptions = {}): string {
  const out = join(runDir(appDir), name);
  const maps = Object.entries(options.maps ?? {}).flatMap(([k, v]) => ['--map', `${k}=${v}`]);
  const instantiation = options.instantiation ? ['--instantiation', options.instantiation] : [];
  jco(appDir, ['transpile', wasm, '-o', out, '--name', name, '-q', ...maps, ...instantiation]);
  return join(out, `${name}.js`);
}

/** Copies a file of test/fixtures/build into the app's run folder. */
export function placeFixture(appDir: string, fixture: string): string {
  const target = join(runDir(appDir), fixture);
  copyFileSync(join(FIXTURES, fixture), target);
  return target;
}

export interface Invocation {
  fn: string;
  args?: (string | number)[];
}

export interface InvokeResult {
  /** One per invocation: the value returned, bigints as strings. */
  results: unknown[];
  /** Calls the stand-in client forwarded to the provider (empty without one). */
  forwarded: unknown[];
  /** What the guests printed. */
  output: string;
}

/**
 * Calls exported functions of a transpiled component in a fresh Node process, in order:
 * `exportName` is the camelCase export (e.g. `exampleProviderApi`). Number arguments are passed
 * as bigints (u64).
 */
export function invoke(appDir: string, module: string, exportName: string, calls: Invocation[]): InvokeResult {
  const runner = placeFixture(appDir, 'invoke.mjs');
  const r = spawnSync(process.execPath, [runner, module, exportName, JSON.stringify(calls)], { cwd: runDir(appDir), encoding: 'utf8' });
  const marker = r.stdout.lastIndexOf('\n@@result ');
  if (r.status !== 0 || marker < 0) throw new Error(`running ${exportName} of ${module} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  const { results, forwarded } = JSON.parse(r.stdout.slice(marker + '\n@@result '.length)) as Omit<InvokeResult, 'output'>;
  return { results, forwarded, output: r.stdout.slice(0, marker) };
}
