/**
 * Cargo.toml of a Rust component after generation (golem-cli `regenerate_cargo_package_component`,
 * docs/client-generation.md §D4): `[package.metadata.component.target]` points at `wit-generated` (its
 * `world` key removed), its `dependencies` table lists every non-main package of the generated
 * WIT, and — when the crate depends on golem-rust — `bindings.with` maps Golem and WASI
 * interfaces to golem-rust's modules. Edited as text, so the rest of the file stays as written.
 */
import { dirname, join, relative } from 'node:path';
import type { AppComponent } from '../app/index.js';
import type { FileView } from '../fs/files.js';
import type { Interface, Resolve } from '../wit/index.js';
import { TomlText } from './toml-sections.js';

const TARGET = 'package.metadata.component.target';
const DEPENDENCIES = `${TARGET}.dependencies`;
const WITH = 'package.metadata.component.bindings.with';

/** Packages whose interfaces golem-rust already binds. */
const GOLEM_RUST_PACKAGES = new Set([
  'golem:api',
  'golem:durability',
  'golem:rdbms',
  'golem:rpc',
  'wasi:clocks',
  'wasi:io',
  'wasi:http',
  'wasi:random',
  'wasi:cli',
  'wasi:filesystem',
  'wasi:sockets',
  'wasi:blobstore',
  'wasi:keyvalue',
  'wasi:logging',
]);

/** Modules golem-rust re-exports under fixed paths; everything else is `golem_rust::bindings::…`. */
const FIXED_BINDINGS: Record<string, string> = {
  'golem:rpc/types': 'golem_rust::wasm_rpc::golem_rpc_0_2_x::types',
  'wasi:io/poll': 'golem_rust::wasm_rpc::wasi::io::poll',
  'wasi:clocks/wall-clock': 'golem_rust::wasm_rpc::wasi::clocks::wall_clock',
  'golem:api/load-snapshot': 'golem_rust::load_snapshot::exports::golem::api::load_snapshot',
  'golem:api/save-snapshot': 'golem_rust::save_snapshot::exports::golem::api::save_snapshot',
  'golem:api/oplog-processor': 'golem_rust::oplog_processor::exports::golem::api::oplog_processor',
};

const snake = (s: string) => s.replace(/-/g, '_');
const posix = (p: string) => p.split('\\').join('/');

/** A Rust component's Cargo.toml: the one next to its WIT folder (docs/client-generation.md D4). */
export const cargoTomlPath = (component: AppComponent): string => join(dirname(component.sourceWit), 'Cargo.toml');

/** The new Cargo.toml text for a component with one next to its WIT folder, when it changes. */
export function cargoTomlUpdate(component: AppComponent, files: FileView, resolveGenerated: () => Resolve): { path: string; text: string } | undefined {
  const path = cargoTomlPath(component);
  const before = files.readText(path);
  if (before === undefined) return undefined;
  const generated = resolveGenerated();
  const toml = new TomlText(before);
  const crateDir = dirname(path);
  toml.set(TARGET, 'path', JSON.stringify(posix(relative(crateDir, component.generatedWit))));
  toml.remove(TARGET, 'world');
  toml.clear(DEPENDENCIES);
  for (const pkg of generated.packages) {
    if (pkg === generated.mainPackage) continue;
    const folder = pkg.files[0] ? dirname(pkg.files[0].path) : pkg.source;
    toml.set(DEPENDENCIES, `${pkg.name.namespace}:${pkg.name.name}`, `{ path = ${JSON.stringify(posix(relative(crateDir, folder)))} }`, true);
  }
  if (toml.get('dependencies', 'golem-rust') !== undefined) {
    for (const iface of worldInterfaces(generated)) {
      const pkg = `${iface.package.name.namespace}:${iface.package.name.name}`;
      if (!GOLEM_RUST_PACKAGES.has(pkg) || !iface.name) continue;
      const id = `${pkg}/${iface.name}`;
      const version = iface.package.name.version ? `@${iface.package.name.version}` : '';
      const module = FIXED_BINDINGS[id] ?? `golem_rust::bindings::${snake(iface.package.name.namespace)}::${snake(iface.package.name.name)}::${snake(iface.name)}`;
      toml.set(WITH, `${id}${version}`, JSON.stringify(module), true);
    }
  }
  const text = toml.toString();
  return text === before ? undefined : { path, text };
}

/** Interfaces the main package's worlds import or export (elaborated), each once. */
function worldInterfaces(resolve: Resolve): Interface[] {
  const out = new Set<Interface>();
  for (const world of resolve.mainPackage.worlds) {
    for (const entry of [...world.imports, ...world.exports]) if (entry.item.kind === 'interface') out.add(entry.item.interface);
  }
  return [...out];
}
