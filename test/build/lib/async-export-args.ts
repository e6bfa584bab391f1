/**
 * `${JCO_ASYNC_EXPORT_ARGS}` as Golem 1.2.5 computes it (golem-cli app/build/componentize.rs,
 * reference: golem-1.2-clientgen.md section E): from the component's resolved `wit-generated`,
 * for every world of the main package, every exported function gets one flag:
 *   - function of a named interface (resource functions included, wit-parser keys such as
 *     `[method]counter.inc`): `--async-imports <ns:pkg/iface@ver>#<fn>` (sic: jco#622 workaround);
 *   - function of an inline interface: `--async-imports <lowerCamel(name)>#<fn>`;
 *   - inline world function: `--async-exports <world>#<fn>`.
 * Joined with single spaces; empty when nothing is exported.
 */
import { interfaceId, loadWitDir, type WorldEntry } from '../../../src/wit/index.js';

function lowerCamel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function flagsFor(worldName: string, entry: WorldEntry): string[] {
  const { key, item } = entry;
  if (item.kind === 'function') return ['--async-exports', `${worldName}#${item.function.name}`];
  if (item.kind !== 'interface') return [];
  const prefix = key.kind === 'interface' ? interfaceId(key.interface) : lowerCamel(key.name);
  return item.interface.functions.flatMap((fn) => ['--async-imports', `${prefix}#${fn.name}`]);
}

export function jcoAsyncExportArgs(witDir: string): string {
  const resolve = loadWitDir(witDir);
  return resolve.mainPackage.worlds
    .flatMap((world) => world.exports.flatMap((entry) => flagsFor(world.name, entry)))
    .join(' ');
}
