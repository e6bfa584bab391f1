/** Lookups over a resolved model: packages, interfaces, worlds, types, and type walks. */
import type { Function, Interface, Package, PackageId, Resolve, Type, TypeDef, World, WorldEntry } from './model.js';

/** `ns:name` or `ns:name@1.2.3`. */
export function packageIdString(id: PackageId): string {
  return `${id.namespace}:${id.name}${id.version ? `@${id.version}` : ''}`;
}

/** wit-parser's `interface_id`: `ns:pkg/iface@ver` (version only if the package has one). */
export function interfaceId(iface: Interface): string {
  const p = iface.package.name;
  return `${p.namespace}:${p.name}/${iface.name ?? '<inline>'}${p.version ? `@${p.version}` : ''}`;
}

/** How wit-parser prints a world key: the name, or the interface id. */
export function worldKeyName(entry: WorldEntry): string {
  return entry.key.kind === 'name' ? entry.key.name : interfaceId(entry.key.interface);
}

/** A package by `ns:name` or `ns:name@ver` (without a version: the only or the highest-sorting one). */
export function findPackage(resolve: Resolve, name: string): Package | undefined {
  const exact = resolve.packages.find((p) => packageIdString(p.name) === name);
  if (exact || name.includes('@')) return exact;
  return resolve.packages.filter((p) => `${p.name.namespace}:${p.name.name}` === name).at(-1);
}

/** An interface by `ns:pkg/iface[@ver]`, or by bare name in the main package. */
export function findInterface(resolve: Resolve, id: string): Interface | undefined {
  const { pkg, name } = splitItemId(resolve, id);
  return pkg?.interfaces.find((i) => i.name === name);
}

/** A world by name in the main package, or `ns:pkg/world[@ver]`. */
export function findWorld(resolve: Resolve, id: string): World | undefined {
  const { pkg, name } = splitItemId(resolve, id);
  return pkg?.worlds.find((w) => w.name === name);
}

/** `ns:pkg/item@ver` → the package and the item name; a bare name is in the main package. */
function splitItemId(resolve: Resolve, id: string): { pkg: Package | undefined; name: string } {
  const slash = id.indexOf('/');
  if (slash === -1) return { pkg: resolve.mainPackage, name: id };
  const at = id.indexOf('@', slash);
  const pkg = findPackage(resolve, id.slice(0, slash) + (at === -1 ? '' : id.slice(at)));
  return { pkg, name: at === -1 ? id.slice(slash + 1) : id.slice(slash + 1, at) };
}

/** A type by its local name in an interface. */
export function findType(iface: Interface, name: string): TypeDef | undefined {
  return iface.typesByName.get(name);
}

/** Follows `use` and `type x = y` links to the definition that is not a plain rename. */
export function underlyingType(def: TypeDef): TypeDef {
  let d = def;
  for (let guard = 0; guard < 1000; guard++) {
    if (d.def.kind === 'use') d = d.def.target;
    else if (d.def.kind === 'alias' && d.def.target.kind === 'id') d = d.def.target.def;
    else return d;
  }
  return d;
}

/**
 * Every named type a function's signature reaches, directly or through other definitions
 * (record fields, cases, alias and `use` targets), each once, in first-reached order.
 */
export function typesUsedByFunction(fn: Function): TypeDef[] {
  const seen = new Set<TypeDef>();
  const out: TypeDef[] = [];
  const visitDef = (def: TypeDef): void => {
    if (seen.has(def)) return;
    seen.add(def);
    out.push(def);
    const k = def.def;
    if (k.kind === 'record') for (const f of k.fields) visit(f.type);
    else if (k.kind === 'variant') {
      for (const c of k.cases) if (c.type) visit(c.type);
    } else if (k.kind === 'alias') visit(k.target);
    else if (k.kind === 'use') visitDef(k.target);
  };
  const visit = (t: Type): void => {
    switch (t.kind) {
      case 'primitive':
        return;
      case 'id':
      case 'own':
      case 'borrow':
        visitDef(t.def);
        return;
      case 'list':
      case 'option':
        visit(t.element);
        return;
      case 'result':
        if (t.ok) visit(t.ok);
        if (t.err) visit(t.err);
        return;
      case 'tuple':
        for (const e of t.elements) visit(e);
        return;
    }
  };
  for (const p of fn.params) visit(p.type);
  if (fn.result) visit(fn.result);
  return out;
}
