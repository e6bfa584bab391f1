/**
 * Builds the stub definition of a target from its resolved generated-base WIT (golem-cli
 * stub.rs, docs/client-generation.md §C1–C4): the world's exports become stubbed entities (one per exported
 * interface, one per resource it defines, one for world-level functions), and every non-resource
 * type of an exported interface is a used type.
 */
import { UserError } from '../errors.js';
import type { Function, Interface, Package, Resolve, Type, TypeDef, WitFile, World } from '../wit/index.js';
import { interfaceId } from './naming.js';
import type { SourceRef, StubDefinition, StubEntity, StubFunction, StubParam, StubType, StubTypeDef, StubTypeInfo, UsedType } from './stub-model.js';
import { locationOf } from '../text/lines.js';
import { toRef } from './wit-tree.js';

/**
 * The one world of the main package (wit-parser `select_world(main, None)`). `source` is the
 * user's own file behind a generated base: errors point there (at the second world), not into
 * golem-temp.
 */
export function selectWorld(resolve: Resolve, source?: WitFile): World {
  const main = resolve.mainPackage;
  const worlds = main.worlds;
  const id = `${main.name.namespace}:${main.name.name}`;
  if (worlds.length === 1) return worlds[0]!;
  const file = source ?? main.files[0];
  const second = source?.items.filter((i) => i.kind === 'world')[1];
  const where = file ? (second ? locationOf(file.path, file.source, second.span.start) : { file: file.path, line: 1, column: 1 }) : undefined;
  if (worlds.length === 0)
    throw new UserError(`the main package \`${id}\` contains no worlds, so no client can be generated for it`, { location: where, hint: 'Add a world that exports its API.' });
  throw new UserError(`multiple worlds found in \`${id}\` (${worlds.map((w) => w.name).join(', ')}); a client target must have exactly one`, {
    location: where,
    hint: "Keep one world in the component's main package.",
  });
}

export function buildStubDefinition(resolve: Resolve, ephemeral: boolean, appendedExports: string[] = []): StubDefinition {
  const world = selectWorld(resolve);
  const typeNames = new Map<string, string>();
  const defs = new Map<string, TypeDef>();
  const entityOf = new Map<TypeDef, string>();
  const usedTypes = new Map<string, UsedType>();
  const entities: StubEntity[] = [];

  const convert = (t: Type): StubType => {
    switch (t.kind) {
      case 'primitive':
        return { kind: 'primitive', name: t.name };
      case 'id':
        return { kind: 'ref', id: named(t.def) };
      case 'own':
        return { kind: 'own', id: named(t.def) };
      case 'borrow':
        return { kind: 'borrow', id: named(t.def) };
      case 'list':
        return { kind: 'list', element: convert(t.element) };
      case 'option':
        return { kind: 'option', element: convert(t.element) };
      case 'tuple':
        return { kind: 'tuple', elements: t.elements.map(convert) };
      case 'result':
        return { kind: 'result', ok: t.ok && convert(t.ok), err: t.err && convert(t.err) };
    }
  };
  const named = (def: TypeDef): string => {
    if (def.owner.kind === 'world') {
      throw new UserError(`type \`${def.name}\` is defined in world \`${def.owner.world.name}\`: a client can only refer to types of interfaces (Golem 1.2.5 crashes here)`, {
        location: sourceRef(def.file, resolve, def.span.start),
        hint: 'Move the type into an interface.',
      });
    }
    const id = String(def.id);
    typeNames.set(id, def.name);
    defs.set(id, def);
    return id;
  };
  const params = (ps: { name: string; type: Type }[]): StubParam[] => ps.map((p) => ({ name: p.name, type: convert(p.type) }));
  const stubFunction = (fn: Function, dropSelf: boolean): StubFunction => ({
    name: fn.simpleName,
    params: params(dropSelf ? fn.params.slice(1) : fn.params),
    result: fn.result && convert(fn.result),
    isStatic: fn.kind === 'static',
    location: () => sourceRef(fn.file, resolve, fn.span.start),
  });

  const worldFunctions: StubFunction[] = [];
  for (const entry of golemExportOrder(world, appendedExports)) {
    const item = entry.item;
    if (item.kind === 'function') {
      worldFunctions.push(stubFunction(item.function, false));
      continue;
    }
    if (item.kind !== 'interface') continue;
    const iface = item.interface;
    const name = iface.name ?? (entry.key.kind === 'name' ? entry.key.name : '');
    entities.push({
      name,
      isResource: false,
      constructorParams: [],
      functions: iface.functions.filter((f) => f.kind === 'freestanding').map((f) => stubFunction(f, false)),
      location: () => sourceRef(iface.file, resolve, iface.span.start),
    });
    for (const def of iface.types) {
      if (def.def.kind === 'resource') continue;
      const id = named(def);
      if (!usedTypes.has(id)) usedTypes.set(id, usedType(def, iface));
    }
    for (const def of iface.types) {
      if (def.def.kind !== 'resource') continue;
      named(def);
      entityOf.set(def, def.name);
      const own = iface.functions.filter((f) => f.resource === def);
      const ctor = own.find((f) => f.kind === 'constructor');
      entities.push({
        name: def.name,
        isResource: true,
        constructorParams: ctor ? params(ctor.params) : [],
        functions: [...own.filter((f) => f.kind === 'static').map((f) => stubFunction(f, false)), ...own.filter((f) => f.kind === 'method').map((f) => stubFunction(f, true))],
        location: () => sourceRef(def.file, resolve, def.span.start),
      });
    }
  }
  if (worldFunctions.length > 0) {
    entities.push({ name: world.name, isResource: false, constructorParams: [], functions: worldFunctions, location: () => sourceRef(world.file, resolve, world.span.start) });
  }

  let typeInfo: Map<string, StubTypeInfo> | undefined;
  return {
    target: toRef(resolve.mainPackage.name),
    world: world.name,
    ephemeral,
    entities,
    usedTypes: [...usedTypes.values()],
    typeNames,
    get typeInfo() {
      typeInfo ??= describeTypes(defs, convert, entityOf);
      return typeInfo;
    },
  };
}

/** The shapes of the named types in `defs` and of every named type they reach. */
function describeTypes(defs: Map<string, TypeDef>, convert: (t: Type) => StubType, entityOf: Map<TypeDef, string>): Map<string, StubTypeInfo> {
  const out = new Map<string, StubTypeInfo>();
  const shape = (def: TypeDef): StubTypeDef => {
    const kind = def.def;
    switch (kind.kind) {
      case 'record':
        return { kind: 'record', fields: kind.fields.map((f) => ({ name: f.name, type: convert(f.type) })) };
      case 'variant':
        return { kind: 'variant', cases: kind.cases.map((c) => ({ name: c.name, ...(c.type ? { type: convert(c.type) } : {}) })) };
      case 'enum':
        return { kind: 'enum', cases: kind.cases.map((c) => c.name) };
      case 'flags':
        return { kind: 'flags', flags: kind.flags.map((f) => f.name) };
      case 'resource': {
        const entity = entityOf.get(def);
        return { kind: 'resource', ...(entity !== undefined ? { entity } : {}) };
      }
      case 'alias':
        return { kind: 'alias', target: convert(kind.target) };
      case 'use':
        return { kind: 'alias', target: convert({ kind: 'id', def: kind.target }) };
    }
  };
  // Converting member types registers the named types they reach in `defs`: visit until none is new.
  for (let done = 0; done < defs.size; ) {
    const ids = [...defs.keys()].slice(done);
    done = defs.size;
    for (const id of ids) {
      const def = defs.get(id)!;
      if (def.owner.kind !== 'interface') continue; // `named` refuses these before they get here
      const iface = def.owner.interface;
      out.set(id, { name: def.name, owner: { package: toRef(iface.package.name), interface: iface.name ?? '' }, def: shape(def) });
    }
  }
  return out;
}

/**
 * World exports in the order wit-parser gives Golem's re-rendered world: functions, then the
 * named exports sorted by the name Golem sorted them by (bare local name, or full id), then the
 * appended inline-derived interfaces; an exported interface another one uses comes first.
 */
function golemExportOrder(world: World, appendedExports: string[]): World['exports'] {
  const main = world.package.name;
  const exportsName = `${main.name}-exports`;
  const sortName = (iface: Interface) =>
    iface.package.name.namespace === main.namespace && iface.package.name.name === exportsName ? (iface.name ?? '') : interfaceId(toRef(iface.package.name), iface.name ?? '');
  const key = (e: World['exports'][number]): [number, string | number] => {
    if (e.item.kind !== 'interface') return [0, 0];
    const appended = appendedExports.indexOf(e.item.interface.name ?? '');
    return appended === -1 ? [1, sortName(e.item.interface)] : [2, appended];
  };
  const sorted = [...world.exports].sort((a, b) => {
    const [ka, va] = key(a);
    const [kb, vb] = key(b);
    return ka - kb || (va < vb ? -1 : va > vb ? 1 : 0);
  });
  const byInterface = new Map(sorted.flatMap((e) => (e.item.kind === 'interface' ? [[e.item.interface, e] as const] : [])));
  const out: World['exports'] = [];
  const placed = new Set<World['exports'][number]>();
  const place = (e: World['exports'][number]) => {
    if (placed.has(e)) return;
    placed.add(e);
    if (e.item.kind === 'interface') {
      for (const def of e.item.interface.types) {
        const dep = def.def.kind === 'use' ? byInterface.get(def.def.from) : undefined;
        if (dep) place(dep);
      }
    }
    out.push(e);
  };
  sorted.forEach(place);
  return out;
}

function usedType(def: TypeDef, iface: Interface): UsedType {
  const pkg = toRef(iface.package.name);
  return { id: String(def.id), name: def.name, ownerInterfaceId: interfaceId(pkg, iface.name ?? ''), owner: { package: pkg, interface: iface.name ?? '' } };
}

/**
 * Packages a client needs besides the fixed ones: owners of used types, following `use` and
 * `type x = y` chains (Golem's `stub_dep_package_ids`), and — unlike Golem — everything those
 * packages reference, so the client dir always resolves.
 */
export function clientDependencyPackages(resolve: Resolve, world: World): Package[] {
  const wanted = new Set<Package>();
  const addDef = (start: TypeDef) => {
    for (let d: TypeDef | undefined = start, guard = 0; d && guard < 1000; guard++) {
      if (d.owner.kind === 'interface') wanted.add(d.owner.interface.package);
      d = d.def.kind === 'use' ? d.def.target : d.def.kind === 'alias' && d.def.target.kind === 'id' ? d.def.target.def : undefined;
    }
  };
  for (const entry of world.exports) {
    if (entry.item.kind !== 'interface') continue;
    for (const def of entry.item.interface.types) if (def.def.kind !== 'resource') addDef(def);
  }
  wanted.delete(resolve.mainPackage);
  const byId = new Map(resolve.packages.map((p) => [idOf(p), p]));
  const queue = [...wanted];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const dep of p.foreignDeps) {
      const next = byId.get(dep);
      if (next && next !== resolve.mainPackage && !wanted.has(next)) {
        wanted.add(next);
        queue.push(next);
      }
    }
  }
  return resolve.packages.filter((p) => wanted.has(p));
}

const idOf = (p: Package): string => `${p.name.namespace}:${p.name.name}${p.name.version ? `@${p.name.version}` : ''}`;

function sourceRef(file: string, resolve: Resolve, offset: number): SourceRef | undefined {
  for (const p of resolve.packages) {
    for (const f of p.files) {
      if (f.path === file) return locationOf(file, f.source, offset);
    }
  }
  return undefined;
}
