/**
 * World includes and elaboration, as wit-parser's `resolve.rs` (`resolve_include`,
 * `elaborate_world`): included worlds' items are copied in (renamed by `with`), then every
 * interface an import or export transitively depends on is added as an import, in wit-parser's
 * order.
 */
import type * as A from './ast.js';
import { WitError } from './errors.js';
import type * as M from './model.js';
import { entryKey, type PendingInclude } from './world-keys.js';

/** The interfaces an interface `use`s from (wit-parser's `interface_direct_deps`), in type order. */
export function interfaceDirectDeps(iface: M.Interface): M.Interface[] {
  const out: M.Interface[] = [];
  for (const t of iface.types) {
    const dep = typeInterfaceDep(t);
    if (dep && dep !== iface && !out.includes(dep)) out.push(dep);
  }
  return out;
}

/** For a `use`d name: the interface owning the definition it names (if another owner). */
function typeInterfaceDep(t: M.TypeDef): M.Interface | undefined {
  if (t.def.kind !== 'use') return undefined;
  const owner = t.def.target.owner;
  if (owner.kind !== 'interface') return undefined;
  if (t.owner.kind === 'interface' && t.owner.interface === owner.interface) return undefined;
  return owner.interface;
}

export function includeAndElaborate(world: M.World, includes: PendingInclude[]): void {
  const imports = new Map(world.imports.map((e) => [entryKey(e), e]));
  const exports = new Map(world.exports.map((e) => [entryKey(e), e]));
  for (const inc of includes) applyInclude(inc, imports, exports);
  elaborate(world, imports, exports);
}

function applyInclude(inc: PendingInclude, imports: Map<string, M.WorldEntry>, exports: Map<string, M.WorldEntry>): void {
  const fail = (m: string): never => {
    throw new WitError(m, inc.file.path, inc.file.source, inc.at);
  };
  const renames = new Map(inc.names.map((n) => [n.from.name, n.to.name]));
  const named = new Set([...inc.world.imports, ...inc.world.exports].flatMap((e) => (e.key.kind === 'name' ? [e.key.name] : [])));
  for (const n of inc.names) {
    if (!named.has(n.from.name)) fail(`no import or export kebab-name \`${n.from.name}\`. Note that an ID does not support renaming`);
  }
  const copy = (entries: M.WorldEntry[], into: Map<string, M.WorldEntry>, desc: string): void => {
    for (const e of entries) {
      if (e.key.kind === 'interface') {
        const k = entryKey(e);
        if (!into.has(k)) into.set(k, e);
        continue;
      }
      const name = renames.get(e.key.name) ?? e.key.name;
      const entry: M.WorldEntry = { key: { kind: 'name', name }, item: renamedItem(e.item, name) };
      const k = entryKey(entry);
      if (into.has(k)) fail(`${desc} of \`${name}\` shadows previously ${desc}ed items`);
      into.set(k, entry);
    }
  };
  copy(inc.world.imports, imports, 'import');
  copy(inc.world.exports, exports, 'export');
}

function renamedItem(item: M.WorldItem, name: string): M.WorldItem {
  if (item.kind !== 'function' || item.function.name === name) return item;
  return { kind: 'function', function: { ...item.function, name, simpleName: name } };
}

function elaborate(world: M.World, imports: Map<string, M.WorldEntry>, exports: Map<string, M.WorldEntry>): void {
  const newImports = new Map<string, M.WorldEntry>();
  const importInterface = (iface: M.Interface, key: M.WorldEntry['key'], stability: M.Stability): void => {
    const k = entryKey({ key, item: { kind: 'interface', interface: iface, stability } });
    if (newImports.has(k)) return;
    for (const dep of interfaceDirectDeps(iface)) importInterface(dep, { kind: 'interface', interface: dep }, stability);
    newImports.set(k, { key, item: { kind: 'interface', interface: iface, stability } });
  };
  for (const [k, e] of imports) {
    if (e.item.kind === 'interface') importInterface(e.item.interface, e.key, e.item.stability);
    else {
      if (e.item.kind === 'type') {
        const dep = typeInterfaceDep(e.item.type);
        if (dep) importInterface(dep, { kind: 'interface', interface: dep }, e.item.type.stability);
      }
      newImports.set(k, e);
    }
  }
  const newExports = new Map<string, M.WorldEntry>();
  const exportInterfaces = new Map<M.Interface, M.WorldEntry>();
  for (const [k, e] of exports) {
    if (e.item.kind === 'interface') exportInterfaces.set(e.item.interface, e);
    else newExports.set(k, e);
  }
  const required = new Set<M.Interface>();
  const add = (iface: M.Interface, key: M.WorldEntry['key'], addExport: boolean, stability: M.Stability): boolean => {
    const entry: M.WorldEntry = { key, item: { kind: 'interface', interface: iface, stability } };
    const k = entryKey(entry);
    if (newExports.has(k)) return addExport;
    if (!addExport && required.has(iface)) return true;
    for (const dep of interfaceDirectDeps(iface)) {
      if (!add(dep, { kind: 'interface', interface: dep }, addExport && exportInterfaces.has(dep), stability)) return false;
    }
    if (addExport) {
      if (required.has(iface)) return false;
      newExports.set(k, entry);
    } else {
      required.add(iface);
      if (!newImports.has(k)) newImports.set(k, entry);
    }
    return true;
  };
  for (const [iface, e] of exportInterfaces) {
    if (!add(iface, e.key, true, (e.item as { stability: M.Stability }).stability)) {
      const name = e.key.kind === 'name' ? e.key.name : (iface.name ?? '');
      throw new WitError(`interface \`${name}\` transitively depends on an interface in incompatible ways`, world.file, sourceOf(world), world.span.start);
    }
  }
  world.imports = [...newImports.values()];
  world.exports = [...newExports.values()];
}

function sourceOf(world: M.World): string {
  return world.package.files.find((f: A.WitFile) => f.path === world.file)?.source ?? '';
}
