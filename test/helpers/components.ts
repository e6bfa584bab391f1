/**
 * Real component binaries built in the test from WIT (wasm-tools' `componentEmbed` with a dummy
 * core module, then `componentNew`, through @bytecodealliance/jco-transpile), and the stand-in
 * for `wasm-tools` on PATH that the tests put first on PATH (wasm-tools-stand-in.mjs): a real
 * wasm-tools cannot be installed on this machine (neither npm nor Debian ship it).
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
type Tools = {
  componentEmbed(opts: { dummy: boolean; witSource: string; world: string }): Promise<Uint8Array>;
  componentNew(bytes: Uint8Array): Promise<Uint8Array>;
  componentWit(bytes: Uint8Array): Promise<string>;
};
let tools: Promise<Tools> | undefined;
const wasmTools = (): Promise<Tools> => (tools ??= import(require.resolve('@bytecodealliance/jco-transpile/wasm-tools')) as Promise<Tools>);

/** Packages by id (`my:lib@1.0.0`) → their body (what goes inside `package … { }`). */
export type WitPackages = Record<string, string>;

/** One WIT text: the package of `world` at the top, every other package nested. */
export function witSource(world: string, packages: WitPackages): string {
  const main = Object.keys(packages).find((id) => world.startsWith(`${id.replace(/@.*$/, '')}/`))!;
  const nested = Object.entries(packages).filter(([id]) => id !== main);
  return [`package ${main};\n${packages[main]}`, ...nested.map(([id, body]) => `package ${id} {\n${body}\n}`)].join('\n');
}

/** Where the stand-in finds the WIT a binary was built from, by the binary's sha256 (copies of it included). */
export const STAND_IN_SOURCES = join(tmpdir(), 'cga-wasm-tools-stand-in');

/**
 * Builds a component whose world is `world` (`ns:pkg/world@version`) into `file`, and records the
 * WIT it was built from under STAND_IN_SOURCES, which the wasm-tools stand-in reads for the
 * package bodies (jco prints only the component's world).
 */
export async function buildComponent(file: string, world: string, packages: WitPackages): Promise<Uint8Array> {
  const t = await wasmTools();
  const worldName = world.replace(/^.*\//, '').replace(/@.*$/, '');
  const core = await t.componentEmbed({ dummy: true, witSource: witSource(world, packages), world: worldName });
  const component = await t.componentNew(core);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, component);
  mkdirSync(STAND_IN_SOURCES, { recursive: true });
  writeFileSync(join(STAND_IN_SOURCES, `${createHash('sha256').update(component).digest('hex')}.json`), JSON.stringify(packages));
  return component;
}

/** A folder holding an executable `wasm-tools` stand-in; put it first on PATH. */
export function wasmToolsStandIn(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const script = fileURLToPath(new URL('./wasm-tools-stand-in.mjs', import.meta.url));
  const program = join(dir, 'wasm-tools');
  writeFileSync(program, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
  chmodSync(program, 0o755);
  return dir;
}

/** PATH with `dir` first (and no other wasm-tools, which this machine has none of anyway). */
export const pathWith = (dir: string): string => [dir, process.env.PATH ?? ''].join(delimiter);
