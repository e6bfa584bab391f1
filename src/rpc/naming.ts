/**
 * Every name Golem 1.2.5 derives for exports extraction and clients (golem-cli naming.rs), in
 * one place so the generator, the caller wiring and the tests agree.
 */
import { isKeyword, type WitOptions } from '../wit/index.js';

/** A package name `ns:name[@version]`. */
export interface PackageRef {
  namespace: string;
  name: string;
  version?: string;
}

export const versionSuffix = (pkg: PackageRef): string => (pkg.version ? `@${pkg.version}` : '');

/** `ns:name@v` */
export const packageId = (pkg: PackageRef): string => `${pkg.namespace}:${pkg.name}${versionSuffix(pkg)}`;

/** `ns:name` (Cargo keys and component names carry no version). */
export const unversionedPackageId = (pkg: PackageRef): string => `${pkg.namespace}:${pkg.name}`;

/** `ns:pkg/iface@v`: how wit-parser names an interface of a package (`interface_id`). */
export const interfaceId = (pkg: PackageRef, iface: string): string => `${pkg.namespace}:${pkg.name}/${iface}${versionSuffix(pkg)}`;

/** `ns_name`: the folder name Golem uses for a component or a generated package. */
export const safeDirName = (pkg: PackageRef | string): string => (typeof pkg === 'string' ? pkg : `${pkg.namespace}:${pkg.name}`).replace(/:/g, '_');

/** `ns:name-exports[@v]`: where the exported interfaces of a component move (same version). */
export const exportsPackage = (pkg: PackageRef): PackageRef => ({ ...pkg, name: `${pkg.name}-exports` });

/** `ns:name-client[@v]`: the generated client package of a target. */
export const clientPackage = (pkg: PackageRef): PackageRef => ({ ...pkg, name: `${pkg.name}-client` });

export const EXPORTS_FILE = 'exports.wit';
export const CLIENT_FILE = 'client.wit';

/** Interface holding a world's inline exported functions after extraction. */
export const inlineFunctionsInterface = (world: string): string => `${world}-inline-functions`;
/** Interface an inline exported interface `foo` of `world` becomes. */
export const inlineInterfaceName = (world: string, foo: string): string => `${world}-${foo}`;

export const clientInterfaceName = (world: string): string => `${world}-client`;
export const clientWorldName = (world: string): string => `wasm-rpc-client-${world}`;

/** The world import a caller gets: `ns:name-client/<world>-client[@v]`. */
export const clientImport = (target: PackageRef, world: string): string => interfaceId(clientPackage(target), clientInterfaceName(world));

export const blockingName = (fn: string): string => `blocking-${fn}`;
export const scheduleName = (fn: string): string => `schedule-${fn}`;
/** `future-<fn>-result`, or `future-<resource>-<fn>-result` for resource functions. */
export const futureResultName = (fn: string, resource?: string): string => (resource ? `future-${resource}-${fn}-result` : `future-${fn}-result`);

/** Alias of a used type whose name clashes: `<ns>-<pkg>-<iface>-<type>` (never the version). */
export const usedTypeAlias = (owner: { package?: PackageRef; interface: string }, type: string): string =>
  owner.package ? `${owner.package.namespace}-${owner.package.name}-${owner.interface}-${type}` : `${owner.interface}-${type}`;

/** The fixed names every client defines through its three `use` lines. */
export const WASI_IO_POLLABLE = 'wasi-io-pollable';
export const WASI_CLOCKS_DATETIME = 'wasi-clocks-datetime';
export const GOLEM_RPC_COMPONENT_ID = 'golem-rpc-component-id';
export const GOLEM_RPC_WORKER_ID = 'golem-rpc-worker-id';
export const GOLEM_RPC_CANCELLATION_TOKEN = 'golem-rpc-cancellation-token';

/** The three `use` lines of every client, as wit-encoder prints them: [target, [name, alias][]]. */
export const CLIENT_FIXED_USES: readonly [string, readonly (readonly [string, string])[]][] = [
  ['wasi:io/poll@0.2.0', [['pollable', WASI_IO_POLLABLE]]],
  ['wasi:clocks/wall-clock@0.2.0', [['datetime', WASI_CLOCKS_DATETIME]]],
  [
    'golem:rpc/types@0.2.0',
    [
      ['component-id', GOLEM_RPC_COMPONENT_ID],
      ['worker-id', GOLEM_RPC_WORKER_ID],
      ['cancellation-token', GOLEM_RPC_CANCELLATION_TOKEN],
    ],
  ],
];

/** Packages every client dir needs, with the folder Golem writes them to. */
export const CLIENT_BASE_PACKAGES: readonly { id: string; folder: string }[] = [
  { id: 'wasi:io@0.2.0', folder: 'io' },
  { id: 'wasi:clocks@0.2.0', folder: 'clocks' },
  { id: 'golem:rpc@0.2.0', folder: 'golem-rpc' },
];

/**
 * How Golem reads WIT: golem-cli sets `WIT_REQUIRE_F32_F64=0` before every resolve
 * (golem-cli/src/wasm_rpc_stubgen/wit_resolve.rs), so `float32`/`float64` are `f32`/`f64`.
 */
export const GOLEM_WIT: WitOptions = { oldFloatNames: true };

/**
 * `%name` for identifiers spelled like a WIT keyword. wit-encoder escapes its own (smaller) list;
 * escaping every keyword wit-parser knows — `float32`/`float64` included, keywords where Golem
 * reads WIT — keeps the output valid for both readers.
 */
export const escapeIdent = (name: string): string => (isKeyword(name, GOLEM_WIT) ? `%${name}` : name);
