/**
 * Resolution of one package against the packages it depends on (already resolved), following
 * wit-parser's `ast/resolve.rs`: file and package namespaces, a stable topological order of
 * interfaces and worlds, `use` resolution, type definitions in topological order, functions,
 * world items, feature gates (no `@unstable` feature is enabled, as in wit-parser's default).
 * World includes and elaboration are in `elaborate.ts`.
 */
import type * as A from './ast.js';
import { WitError } from './errors.js';
import type * as M from './model.js';
import { packageIdString } from './lookup.js';
import { stableToposort, type TopoEdge } from './toposort.js';
import { compareSemver } from '../text/semver.js';
import { forEachGated, isExcluded, stabilityOf, UNKNOWN } from './gates.js';
import { forEachPath } from './paths.js';
import { collectDeps, containsBorrow, isResource, isTypeDef, PRIMITIVE_TYPES } from './type-rules.js';
import { entryKey, type PendingInclude } from './world-keys.js';

/** One package's syntax before resolution (a folder's files, or a nested `package x:y {…}` block). */
export interface UnresolvedPackage {
  name: M.PackageId;
  key: string;
  source: string;
  /** The files holding its declarations (one decl list per file or nested block). */
  decls: { file: A.WitFile; items: A.PackageItem[] }[];
  docs: A.Docs;
  /** Where the package is named (for "defined twice" errors). */
  nameAt: { file: A.WitFile; offset: number };
  /** Foreign packages referenced, in first-reference order, with where. */
  foreignDeps: Map<string, { file: A.WitFile; offset: number }>;
}

type LookupEntry = { kind: 'type'; def: M.TypeDef; excluded: boolean } | { kind: 'function' };

/** Per-interface (and per-world) namespace of types and functions, as wit-parser's `type_lookup`. */
export type Lookup = Map<string, LookupEntry>;

/** A top-level name in one file's scope. */
type FileName = { kind: 'local'; name: string } | { kind: 'foreign'; path: A.UsePath & { kind: 'package' } };

interface ItemRef {
  kind: 'interface' | 'world';
  ast: A.Interface | A.World;
  file: A.WitFile;
  fileIndex: number;
}

let nextTypeId = 1;

export class PackageResolver {
  private readonly pkg: M.Package;
  private readonly packageItems = new Map<string, ItemRef>();
  private readonly fileScopes: Map<string, FileName>[] = [];
  private readonly interfaces = new Map<string, M.Interface>();
  /** Interfaces left out by a feature gate (references to them are errors). */
  private readonly excludedInterfaces = new Set<string>();
  private readonly worlds = new Map<string, { world: M.World; includes: PendingInclude[]; excluded: boolean }>();
  /** Stability of each anonymous type of the package, keyed by its structure (see `internAnon`). */
  private readonly anonStability = new Map<string, M.Stability>();
  private file!: A.WitFile;
  private fileIndex = 0;

  constructor(
    private readonly u: UnresolvedPackage,
    private readonly resolved: Map<string, M.Package>,
    /** Shared by all packages of one resolve: each interface's names (types and functions). */
    private readonly lookups: Map<M.Interface, Lookup>,
  ) {
    this.pkg = {
      name: u.name,
      source: u.source,
      files: [...new Set(u.decls.map((d) => d.file))],
      interfaces: [],
      worlds: [],
      foreignDeps: [...u.foreignDeps.keys()],
      docs: u.docs,
    };
  }

  private fail(message: string, at: number, file: A.WitFile = this.file): never {
    throw new WitError(message, file.path, file.source, at);
  }

  resolve(): { pkg: M.Package; includes: Map<M.World, PendingInclude[]> } {
    this.checkVersionGates();
    const order = this.orderItems();
    this.checkForeignPaths();
    for (const ref of order) {
      this.file = ref.file;
      this.fileIndex = ref.fileIndex;
      if (ref.kind === 'interface') this.resolveInterface(ref.ast as A.Interface);
      else this.resolveWorld(ref.ast as A.World);
    }
    const includes = new Map<M.World, PendingInclude[]>();
    for (const { world, includes: inc, excluded } of this.worlds.values()) {
      if (excluded) continue;
      this.pkg.worlds.push(world);
      includes.set(world, inc);
    }
    return { pkg: this.pkg, includes };
  }

  // ---- package structure ----------------------------------------------------------------------

  /** `@since`/`@deprecated` need a package version, and may not name a later version. */
  private checkVersionGates(): void {
    const version = this.u.name.version;
    for (const { file, items } of this.u.decls) {
      for (const item of items) {
        forEachGated(item, (gates) => {
          for (const g of gates) {
            if (g.kind === 'unstable') continue;
            if (!version) this.fail(`package [${this.u.key}] contains a feature gate with a version specifier, so it must have a version`, g.span.start, file);
            // Only `@since` may not be later than the package (a deprecation may be announced ahead).
            if (g.kind === 'since' && compareSemver(g.version, version) > 0) {
              this.fail(`feature gate cannot reference unreleased version ${g.version} of package [${this.u.key}] (current version ${version})`, g.span.start, file);
            }
          }
        });
      }
    }
  }

  /** Namespaces, dependency edges and the stable topological order of interfaces and worlds. */
  private orderItems(): ItemRef[] {
    const refs: ItemRef[] = [];
    this.u.decls.forEach(({ file, items }, fileIndex) => {
      for (const item of items) {
        if (item.kind === 'toplevel-use') continue;
        if (this.packageItems.has(item.name.name)) this.fail(`duplicate item named \`${item.name.name}\``, item.name.span.start, file);
        const ref: ItemRef = { kind: item.kind, ast: item, file, fileIndex };
        this.packageItems.set(item.name.name, ref);
        refs.push(ref);
      }
    });
    const index = new Map(refs.map((r, i) => [r.ast.name.name, i]));
    const edges: TopoEdge[][] = refs.map(() => []);
    this.u.decls.forEach(({ file, items }) => {
      const scope = new Map<string, FileName>();
      for (const item of items) {
        const id = item.kind === 'toplevel-use' ? (item.as ?? item.item.name) : item.name;
        if (scope.has(id.name)) this.fail(`duplicate name \`${id.name}\` in this file`, id.span.start, file);
        if (item.kind === 'toplevel-use') {
          scope.set(id.name, item.item.kind === 'local' ? { kind: 'local', name: item.item.name.name } : { kind: 'foreign', path: item.item });
        } else {
          scope.set(id.name, { kind: 'local', name: id.name });
        }
      }
      this.fileScopes.push(scope);
      for (const item of items) {
        if (item.kind === 'toplevel-use') continue;
        const from = index.get(item.name.name)!;
        forEachPath(item, (path) => {
          if (path.kind !== 'local') return;
          const target = this.localTarget(scope, path.name, file);
          if (target !== undefined) edges[from]!.push({ to: index.get(target)!, at: path.name.span.start });
        });
      }
    });
    const sorted = stableToposort(edges);
    if ('cycle' in sorted) {
      const { node, from, at } = sorted.cycle;
      this.fail(`interface or world \`${refs[node]!.ast.name.name}\` depends on itself`, at, refs[from]!.file);
    }
    // Top-level `use` of a local name must name an item of the package; gates are not allowed there.
    this.u.decls.forEach(({ file, items }) => {
      for (const item of items) {
        if (item.kind !== 'toplevel-use') continue;
        if (item.gates.length) this.fail('attributes not allowed on top-level use', item.span.start, file);
        if (item.item.kind === 'local' && !this.packageItems.has(item.item.name.name)) {
          this.fail(`interface or world \`${item.item.name.name}\` does not exist`, item.item.name.span.start, file);
        }
      }
    });
    return sorted.order.map((i) => refs[i]!);
  }

  /** The package item a local name means in a file (undefined when it is a foreign `use`). */
  private localTarget(scope: Map<string, FileName>, name: A.Id, file: A.WitFile): string | undefined {
    const entry = scope.get(name.name);
    if (entry?.kind === 'foreign') return undefined;
    const target = entry ? entry.name : name.name;
    if (!this.packageItems.has(target)) this.fail(`interface or world \`${name.name}\` does not exist`, name.span.start, file);
    return target;
  }

  /** Every foreign package and item mentioned must exist, used or not (as wit-parser checks). */
  private checkForeignPaths(): void {
    for (const { file, items } of this.u.decls) {
      this.file = file;
      for (const item of items) {
        forEachPath(item, (path, _names, kind) => {
          if (path.kind === 'package') this.foreignItem(path, kind);
        });
      }
    }
  }

  // ---- paths ----------------------------------------------------------------------------------

  /** What a path names: a foreign item (directly or through a top-level `use`), or a local package item. */
  private pathTarget(path: A.UsePath): { foreign: A.UsePath & { kind: 'package' } } | { local: string; ref: ItemRef } {
    if (path.kind === 'package') return { foreign: path };
    const entry = this.fileScopes[this.fileIndex]!.get(path.name.name);
    if (entry?.kind === 'foreign') return { foreign: entry.path };
    const local = entry ? entry.name : path.name.name;
    const ref = this.packageItems.get(local);
    if (!ref) return this.fail(`interface or world \`${path.name.name}\` does not exist`, path.name.span.start);
    return { local, ref };
  }

  private resolveInterfacePath(path: A.UsePath, contextExcluded: boolean): M.Interface {
    const target = this.pathTarget(path);
    if ('foreign' in target) return this.foreignItem(target.foreign, 'interface') as M.Interface;
    const at = path.name.span.start;
    if (target.ref.kind === 'world') return this.fail(`name \`${path.name.name}\` is defined as a world, not an interface`, at);
    if (this.excludedInterfaces.has(target.local) && !contextExcluded) {
      return this.fail('found a reference to a interface which is excluded due to its feature not being activated', at);
    }
    return this.interfaces.get(target.local)!;
  }

  /** The world an `include` names (undefined when it is gated out). */
  private resolveWorldPath(path: A.UsePath): M.World | undefined {
    const target = this.pathTarget(path);
    if ('foreign' in target) return this.foreignItem(target.foreign, 'world') as M.World;
    if (target.ref.kind === 'interface') return this.fail(`name \`${path.name.name}\` is defined as an interface, not a world`, path.name.span.start);
    const w = this.worlds.get(target.local);
    return w && !w.excluded ? w.world : undefined;
  }

  private foreignItem(path: A.UsePath & { kind: 'package' }, kind: 'interface' | 'world'): M.Interface | M.World {
    const key = packageIdString(path.package);
    const pkg = this.resolved.get(key);
    if (!pkg) {
      const known = [...this.resolved.keys(), this.u.key].sort();
      return this.fail(`package '${key}' not found. known packages: ${known.join(', ')}`, path.span.start);
    }
    const found = kind === 'interface' ? pkg.interfaces.find((i) => i.name === path.name.name) : pkg.worlds.find((w) => w.name === path.name.name);
    if (!found) {
      return this.fail(`${kind === 'interface' ? 'interface' : 'world'} \`${path.name.name}\` not found in package \`${key}\``, path.name.span.start);
    }
    return found;
  }

  private lookupOf(iface: M.Interface): Lookup {
    return this.lookups.get(iface) ?? new Map();
  }

  // ---- interfaces -----------------------------------------------------------------------------

  private resolveInterface(ast: A.Interface): void {
    const stability = stabilityOf(ast.gates, (m, at) => this.fail(m, at));
    const excluded = isExcluded(stability);
    if (excluded) this.excludedInterfaces.add(ast.name.name);
    const iface = this.newInterface(ast.name.name, ast, ast.docs, stability, ast.span);
    this.fillInterface(iface, ast.items, excluded);
    this.interfaces.set(ast.name.name, iface);
    if (!excluded) this.pkg.interfaces.push(iface);
  }

  private newInterface(name: string | undefined, ast: M.Interface['ast'], docs: A.Docs, stability: M.Stability, span: A.Span): M.Interface {
    return {
      name,
      package: this.pkg,
      types: [],
      typesByName: new Map(),
      functions: [],
      functionsByName: new Map(),
      docs,
      stability,
      file: this.file.path,
      span,
      ast,
    };
  }

  private fillInterface(iface: M.Interface, items: A.InterfaceItem[], ifaceExcluded: boolean): void {
    const lookup: Lookup = new Map();
    this.lookups.set(iface, lookup);
    const owner: M.TypeOwner = { kind: 'interface', interface: iface };
    this.resolveTypes(owner, items, lookup, ifaceExcluded, (def) => {
      iface.types.push(def);
      iface.typesByName.set(def.name, def);
    });
    for (const item of items) {
      if (item.kind === 'func') {
        this.define(lookup, item.name, { kind: 'function' });
        const fn = this.resolveFunction(item, item.name.name, item.name.name, 'freestanding', undefined, lookup, ifaceExcluded);
        if (fn) this.addFunction(iface, fn);
      } else if (item.kind === 'resource') {
        const entry = lookup.get(item.name.name);
        if (entry?.kind !== 'type') continue;
        for (const f of item.funcs) {
          const fn = this.resolveResourceFunc(f, item, entry.def, lookup, ifaceExcluded);
          if (fn) this.addFunction(iface, fn);
        }
      }
    }
  }

  private addFunction(iface: M.Interface, fn: M.Function): void {
    iface.functions.push(fn);
    iface.functionsByName.set(fn.name, fn);
  }

  private define(lookup: Lookup, name: A.Id, entry: LookupEntry): void {
    if (lookup.has(name.name)) this.fail(`name \`${name.name}\` is defined more than once`, name.span.start);
    lookup.set(name.name, entry);
  }

  /** `use` names first (source order), then definitions in stable topological order. */
  private resolveTypes(owner: M.TypeOwner, items: readonly (A.InterfaceItem | A.WorldItem)[], lookup: Lookup, ctxExcluded: boolean, add: (def: M.TypeDef) => void): void {
    for (const item of items) if (item.kind === 'use') this.resolveUse(owner, item, lookup, ctxExcluded, add);
    // Nodes in source order: every definition and every used name.
    const nodes: { name: string; def?: A.TypeDef; deps: A.Id[] }[] = [];
    const index = new Map<string, number>();
    for (const item of items) {
      if (item.kind === 'use') {
        for (const n of item.names) {
          const local = (n.as ?? n.name).name;
          const i = index.get(local);
          const node = { name: local, deps: [] };
          if (i === undefined) {
            index.set(local, nodes.length);
            nodes.push(node);
          } else nodes[i] = node; // wit-parser lets a later `use` replace a same-named definition
        }
      } else if (isTypeDef(item)) {
        if (index.has(item.name.name)) this.fail(`name \`${item.name.name}\` is defined more than once`, item.name.span.start);
        const deps: A.Id[] = [];
        collectDeps(item, deps);
        index.set(item.name.name, nodes.length);
        nodes.push({ name: item.name.name, def: item, deps });
      }
    }
    const edges: TopoEdge[][] = nodes.map((node) =>
      node.deps.map((d) => {
        const to = index.get(d.name);
        if (to === undefined) this.fail(`type \`${d.name}\` does not exist`, d.span.start);
        return { to, at: d.span.start };
      }),
    );
    const sorted = stableToposort(edges);
    if ('cycle' in sorted) this.fail(`type \`${nodes[sorted.cycle.node]!.name}\` depends on itself`, sorted.cycle.at);
    for (const i of sorted.order) {
      const node = nodes[i]!;
      if (!node.def) continue;
      const def = node.def;
      const stability = stabilityOf(def.gates, (m, at) => this.fail(m, at));
      if (ctxExcluded) this.checkGatedWithOwner(stability, def.name);
      const excluded = ctxExcluded || isExcluded(stability);
      const typeDef: M.TypeDef = {
        id: nextTypeId++,
        name: def.name.name,
        def: { kind: 'resource' },
        owner,
        docs: def.docs,
        stability,
        file: this.file.path,
        span: def.span,
      };
      typeDef.def = this.resolveTypeDefKind(def, lookup, excluded);
      this.internDefParts(typeDef.def, stability, !excluded, def.span.start);
      this.define(lookup, def.name, { kind: 'type', def: typeDef, excluded });
      if (!excluded || ctxExcluded) add(typeDef);
    }
  }

  /** Stands for a name that a gated-out `use` takes from another package without checking it. */
  private gatedPlaceholder(name: A.Id, owner: M.TypeOwner, stability: M.Stability): LookupEntry {
    const def: M.TypeDef = {
      id: nextTypeId++,
      name: name.name,
      def: { kind: 'resource' },
      owner,
      docs: { lines: [] },
      stability,
      file: this.file.path,
      span: name.span,
    };
    return { kind: 'type', def, excluded: true };
  }

  /** A type in a gated-out interface or world must carry a gate itself (wit-parser keeps ungated types). */
  private checkGatedWithOwner(stability: M.Stability, name: A.Id): void {
    if (isExcluded(stability)) return;
    this.fail(
      'found a reference to a interface which is excluded due to its feature not being activated; this type is not gated by a feature but its interface is',
      name.span.start,
    );
  }

  private resolveUse(owner: M.TypeOwner, use: A.Use, lookup: Lookup, ctxExcluded: boolean, add: (def: M.TypeDef) => void): void {
    const stability = stabilityOf(use.gates, (m, at) => this.fail(m, at));
    const excluded = ctxExcluded || isExcluded(stability);
    if (ctxExcluded) this.checkGatedWithOwner(stability, use.names[0]?.name ?? use.from.name);
    const from = this.resolveInterfacePath(use.from, excluded);
    const fromLookup = this.lookupOf(from);
    for (const n of use.names) {
      let entry = fromLookup.get(n.name.name);
      // wit-parser checks names used from another package only for items that are not gated out.
      if (excluded && from.package !== this.pkg && entry?.kind !== 'type') entry = this.gatedPlaceholder(n.name, owner, stability);
      if (entry?.kind === 'function') this.fail(`cannot import function \`${n.name.name}\``, n.name.span.start);
      if (!entry) this.fail(`name \`${n.name.name}\` does not exist`, n.name.span.start);
      if (entry.excluded && !excluded) this.fail('found a reference to a type which is excluded due to its feature not being activated', n.name.span.start);
      const local = n.as ?? n.name;
      const def: M.TypeDef = {
        id: nextTypeId++,
        name: local.name,
        def: { kind: 'use', target: entry.def, from },
        owner,
        docs: { lines: [] },
        stability,
        file: this.file.path,
        span: use.span,
      };
      this.define(lookup, local, { kind: 'type', def, excluded });
      if (!excluded || ctxExcluded) add(def);
    }
  }

  private resolveTypeDefKind(def: A.TypeDef, lookup: Lookup, excluded: boolean): M.TypeDefKind {
    const ty = (t: A.TypeRef): M.Type => this.resolveType(t, lookup, excluded);
    switch (def.kind) {
      case 'alias':
        return { kind: 'alias', target: ty(def.type) };
      case 'record':
        return { kind: 'record', fields: def.fields.map((f) => ({ name: f.name.name, type: ty(f.type), docs: f.docs })) };
      case 'variant':
        if (def.cases.length === 0) this.fail('empty variant', def.span.start);
        return { kind: 'variant', cases: def.cases.map((c) => ({ name: c.name.name, type: c.type && ty(c.type), docs: c.docs })) };
      case 'enum':
        if (def.cases.length === 0) this.fail('empty enum', def.span.start);
        return { kind: 'enum', cases: def.cases.map((c) => ({ name: c.name.name, docs: c.docs })) };
      case 'flags':
        return { kind: 'flags', flags: def.flags.map((c) => ({ name: c.name.name, docs: c.docs })) };
      case 'resource': {
        const names = new Set<string>();
        let ctors = 0;
        for (const f of def.funcs) {
          if (f.kind === 'constructor') {
            if (++ctors > 1) this.fail('duplicate constructors', f.name.span.start);
          } else {
            if (names.has(f.name.name)) this.fail(`duplicate function name \`${f.name.name}\``, f.name.span.start);
            names.add(f.name.name);
          }
        }
        return { kind: 'resource' };
      }
    }
  }

  private resolveType(t: A.TypeRef, lookup: Lookup, ctxExcluded: boolean): M.Type {
    switch (t.kind) {
      case 'primitive':
        return PRIMITIVE_TYPES.get(t.name)!;
      case 'named':
        return { kind: 'id', def: this.typeByName(t.name, lookup, ctxExcluded) };
      case 'list':
      case 'option':
        return { kind: t.kind, element: this.resolveType(t.element, lookup, ctxExcluded) };
      case 'tuple':
        return { kind: 'tuple', elements: t.elements.map((e) => this.resolveType(e, lookup, ctxExcluded)) };
      case 'result':
        return {
          kind: 'result',
          ok: t.ok && this.resolveType(t.ok, lookup, ctxExcluded),
          err: t.err && this.resolveType(t.err, lookup, ctxExcluded),
        };
      case 'own':
      case 'borrow': {
        const def = this.typeByName(t.resource, lookup, ctxExcluded);
        if (!isResource(def)) this.fail(`type \`${t.resource.name}\` used in a handle must be a resource`, t.resource.span.start);
        return { kind: t.kind, def };
      }
    }
  }

  /** The anonymous parts of a definition (field types, alias target parts), in wit-parser's order. */
  private internDefParts(kind: M.TypeDefKind, stability: M.Stability, included: boolean, at: number): void {
    const part = (t: M.Type): void => void this.internAnon(t, stability, included, at, true);
    if (kind.kind === 'record') for (const f of kind.fields) part(f.type);
    else if (kind.kind === 'variant') {
      for (const c of kind.cases) if (c.type) part(c.type);
    } else if (kind.kind === 'alias') {
      // `type x = list<y>` defines x as the list itself: only its parts are anonymous.
      const t = kind.target;
      const parts =
        t.kind === 'list' || t.kind === 'option' ? [t.element] : t.kind === 'tuple' ? t.elements : t.kind === 'result' ? [t.ok, t.err].filter((x): x is M.Type => !!x) : [t];
      parts.forEach(part);
    }
  }

  /**
   * wit-parser interns anonymous types (`list<…>`, `option<…>`, `result<…>`, `tuple<…>`,
   * `borrow<…>`) once per package, with the stability of the context that first wrote them (or
   * of their first gated part), and keeps it for every later use. A type left in must not refer
   * to one left out. Returns the key and stability of `t` (none for primitives).
   */
  private internAnon(t: M.Type, ctx: M.Stability, included: boolean, at: number, top: boolean): { key: string; stab?: M.Stability } {
    const excludedRef = (s?: M.Stability): boolean => !!s && isExcluded(s);
    let node: { key: string; stab?: M.Stability };
    if (t.kind === 'primitive') node = { key: t.name };
    else if (t.kind === 'id' || t.kind === 'own') node = { key: `#${t.def.id}`, stab: t.def.stability };
    else {
      const children =
        t.kind === 'list' || t.kind === 'option' ? [t.element] : t.kind === 'tuple' ? t.elements : t.kind === 'result' ? [t.ok, t.err] : [{ kind: 'id', def: t.def } as M.Type];
      const parts = children.map((c) => (c ? this.internAnon(c, ctx, included, at, false) : { key: '_' }));
      const key = `${t.kind}<${parts.map((p) => p.key).join(',')}>`;
      let stab = this.anonStability.get(key);
      if (!stab) {
        stab = ctx.kind !== 'unknown' ? ctx : (parts.find((p) => p.stab && p.stab.kind !== 'unknown')?.stab ?? UNKNOWN);
        this.anonStability.set(key, stab);
      }
      if (!isExcluded(stab) && parts.some((p) => excludedRef(p.stab))) this.failExcludedType(at);
      node = { key, stab };
    }
    if (top && included && excludedRef(node.stab)) this.failExcludedType(at);
    return node;
  }

  private failExcludedType(at: number): never {
    return this.fail('found a reference to a type which is excluded due to its feature not being activated', at);
  }

  private typeByName(name: A.Id, lookup: Lookup, ctxExcluded: boolean): M.TypeDef {
    const entry = lookup.get(name.name);
    if (!entry) return this.fail(`name \`${name.name}\` does not exist`, name.span.start);
    if (entry.kind === 'function') return this.fail(`cannot use function \`${name.name}\` as a type`, name.span.start);
    if (entry.excluded && !ctxExcluded) this.fail('found a reference to a type which is excluded due to its feature not being activated', name.span.start);
    return entry.def;
  }

  // ---- functions ------------------------------------------------------------------------------

  private resolveResourceFunc(f: A.ResourceFunc, res: A.TypeDef, resource: M.TypeDef, lookup: Lookup, ctxExcluded: boolean): M.Function | undefined {
    const r = res.name.name;
    const name = f.kind === 'constructor' ? `[constructor]${r}` : `[${f.kind}]${r}.${f.name.name}`;
    return this.resolveFunction(f, name, f.name.name, f.kind, resource, lookup, ctxExcluded);
  }

  private resolveFunction(
    item: A.ItemBase & { func: A.FuncType; name: A.Id },
    name: string,
    simpleName: string,
    kind: M.FunctionKind,
    resource: M.TypeDef | undefined,
    lookup: Lookup,
    ctxExcluded: boolean,
  ): M.Function | undefined {
    const stability = stabilityOf(item.gates, (m, at) => this.fail(m, at));
    const excluded = ctxExcluded || isExcluded(stability);
    // A resource function is not gated by its resource's gate: it must not outlive it.
    if (resource && !excluded) this.typeByName({ name: resource.name, span: item.name.span }, lookup, false);
    const params: M.Param[] = [];
    if (kind === 'method') params.push({ name: 'self', type: { kind: 'borrow', def: resource! } });
    for (const p of item.func.params) {
      if (params.some((q) => q.name === p.name.name)) this.fail(`param \`${p.name.name}\` is defined more than once`, p.name.span.start);
      params.push({ name: p.name.name, type: this.resolveType(p.type, lookup, excluded) });
    }
    let result = item.func.result && this.resolveType(item.func.result, lookup, excluded);
    if (kind === 'constructor') result = this.constructorResult(item.func.result, result, resource!);
    for (const p of params) this.internAnon(p.type, UNKNOWN, !excluded, item.name.span.start, true);
    if (result) this.internAnon(result, UNKNOWN, !excluded, item.name.span.start, true);
    if (isExcluded(stability)) return undefined;
    if (!excluded && result && containsBorrow(result)) {
      this.fail(`function \`${name}\` returns a type which contains a \`borrow<T>\` which is not supported`, item.name.span.start);
    }
    return { name, simpleName, kind, resource, params, result, docs: item.docs, stability, file: this.file.path, span: item.span };
  }

  private constructorResult(ast: A.TypeRef | undefined, result: M.Type | undefined, resource: M.TypeDef): M.Type {
    if (!ast || !result) return { kind: 'id', def: resource };
    if (result.kind !== 'result' || ast.kind !== 'result') return this.fail('if a constructor return type is declared it must be a `result`', ast.span.start);
    const ok = result.ok;
    const okIsResource = ok && (ok.kind === 'id' || ok.kind === 'own') && ok.def === resource;
    if (!okIsResource) this.fail('the `ok` type must be the resource being constructed', (ast.ok ?? ast).span.start);
    return result;
  }

  // ---- worlds ---------------------------------------------------------------------------------

  private resolveWorld(ast: A.World): void {
    const stability = stabilityOf(ast.gates, (m, at) => this.fail(m, at));
    const excluded = isExcluded(stability);
    const world: M.World = {
      name: ast.name.name,
      package: this.pkg,
      imports: [],
      exports: [],
      docs: ast.docs,
      stability,
      file: this.file.path,
      span: ast.span,
      ast,
    };
    const includes: PendingInclude[] = [];
    this.worlds.set(ast.name.name, { world, includes, excluded });
    const lookup: Lookup = new Map();
    const imports = new Map<string, M.WorldEntry>();
    const exports = new Map<string, M.WorldEntry>();
    const owner: M.TypeOwner = { kind: 'world', world };
    const typeOrder: M.TypeDef[] = [];
    this.resolveTypes(owner, ast.items, lookup, excluded, (def) => typeOrder.push(def));
    for (const item of ast.items) {
      if (item.kind !== 'include') continue;
      const s = stabilityOf(item.gates, (m, at) => this.fail(m, at));
      const target = this.resolveWorldPath(item.from);
      if (isExcluded(s) || excluded || !target) continue;
      includes.push({ world: target, names: item.with, file: this.file, at: item.span.start });
    }
    for (const def of typeOrder) imports.set(`name:${def.name}`, { key: { kind: 'name', name: def.name }, item: { kind: 'type', type: def } });
    const gatedOut = new Set<M.WorldEntry>();
    const importedIfaces = new Set<M.Interface>();
    const exportedIfaces = new Set<M.Interface>();
    for (const item of ast.items) {
      if (item.kind === 'resource') {
        const entry = lookup.get(item.name.name);
        if (entry?.kind !== 'type') continue;
        for (const f of item.funcs) {
          const fn = this.resolveResourceFunc(f, item, entry.def, lookup, excluded);
          if (fn) imports.set(`name:${fn.name}`, { key: { kind: 'name', name: fn.name }, item: { kind: 'function', function: fn } });
        }
        continue;
      }
      if (item.kind !== 'import' && item.kind !== 'export') continue;
      const desc = item.kind;
      const s = stabilityOf(item.gates, (m, at) => this.fail(m, at));
      const itemExcluded = excluded || isExcluded(s);
      const e = item.extern;
      let entry: M.WorldEntry | undefined;
      if (e.kind === 'interface') {
        const iface = this.newInterface(undefined, item, item.docs, s, item.span);
        this.fillInterface(iface, e.items, itemExcluded);
        entry = { key: { kind: 'name', name: e.name.name }, item: { kind: 'interface', interface: iface, stability: s } };
      } else if (e.kind === 'func') {
        const fn = this.resolveFunction({ ...item, func: e.func, name: e.name }, e.name.name, e.name.name, 'freestanding', undefined, lookup, itemExcluded);
        if (fn) entry = { key: { kind: 'name', name: e.name.name }, item: { kind: 'function', function: fn } };
      } else {
        const iface = this.resolveInterfacePath(e.path, itemExcluded);
        const seen = desc === 'import' ? importedIfaces : exportedIfaces;
        if (seen.has(iface)) this.fail(`interface cannot be ${desc}ed more than once`, e.path.span.start);
        seen.add(iface);
        entry = { key: { kind: 'interface', interface: iface }, item: { kind: 'interface', interface: iface, stability: s } };
      }
      if (!entry) {
        // Excluded items still take their name (wit-parser filters gates after this check).
        if (e.kind === 'path') continue;
        entry = { key: { kind: 'name', name: e.name.name }, item: { kind: 'interface', interface: undefined as never, stability: s } };
      }
      const dst = desc === 'import' ? imports : exports;
      const k = entryKey(entry);
      const prev = dst.get(k);
      if (prev) {
        const prevKind = prev.item.kind === 'interface' ? 'interface' : prev.item.kind === 'function' ? 'func' : 'type';
        this.fail(`${desc} \`${(entry.key as { name: string }).name}\` conflicts with prior ${prevKind} of same name`, item.span.start);
      }
      dst.set(k, entry);
      if (itemExcluded) gatedOut.add(entry);
    }
    world.imports = [...imports.values()].filter((e) => !gatedOut.has(e));
    world.exports = [...exports.values()].filter((e) => !gatedOut.has(e));
  }
}
